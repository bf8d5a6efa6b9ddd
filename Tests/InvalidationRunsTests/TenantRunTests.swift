import CloudFront
import Configuration
import ExitCodes
import InvalidationRuns
import Reporting
import Synchronization
import TenantFanOut
import TestSupport
import Testing
import Transport

/// A multi-tenant distribution's CloudFront behind the fake transport: ListDistributionTenants in pages of
/// `pageSize`, one invalidation per (tenant, CallerReference) as CloudFront keeps them, Completed `completeAfter`
/// after creation on the world's manual clock, and scripted throttling and failures.
final class FakeTenantCloudFront: Sendable {
    struct Tenant: Sendable {
        var id: String
        var enabled = true
    }

    private struct State {
        var throttlesLeft = 0
        /// (tenant, CallerReference) → (invalidation ID, created at).
        var invalidations: [String: (id: String, createdAt: Duration)] = [:]
        var creates = 0
    }

    let tenants: [Tenant]
    let pageSize: Int
    let completeAfter: Duration
    let time: ManualTime
    /// Tenants whose create is answered 400 InvalidArgument.
    let failing: Set<String>
    private let state = Mutex(State())

    init(
        tenants: [Tenant], time: ManualTime, pageSize: Int = 2, completeAfter: Duration = .seconds(1),
        failing: Set<String> = [], throttles: Int = 0
    ) {
        self.tenants = tenants
        self.time = time
        self.pageSize = pageSize
        self.completeAfter = completeAfter
        self.failing = failing
        state.withLock { $0.throttlesLeft = throttles }
    }

    /// Tenants `dt_0` … `dt_<count-1>`.
    static func tenants(_ count: Int) -> [Tenant] { (0..<count).map { Tenant(id: "dt_\($0)") } }

    /// Invalidations created (a repeated CallerReference creates none).
    var creates: Int { state.withLock { $0.creates } }

    /// A transport answering as this CloudFront (each call makes a new one, recording its own requests).
    var transport: RoutingTransport { RoutingTransport { [self] in answer($0) } }

    func answer(_ request: HTTPRequest) -> FakeTransport.Step {
        let throttled = state.withLock { state -> Bool in
            guard state.throttlesLeft > 0, !request.url.hasSuffix("/distribution-tenants") else { return false }
            state.throttlesLeft -= 1
            return true
        }
        let path = request.url.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if request.method == "POST" && request.url.hasSuffix("/distribution-tenants") { return page(request) }
        // Only creates and polls are throttled: a listing throttled many times in a row fails (after retries).
        if throttled { return Answer.error(400, "Throttling") }
        guard let tenantIndex = path.firstIndex(of: "distribution-tenant"), tenantIndex + 1 < path.count else {
            return Answer.error(404, "NoSuchResource")
        }
        let tenant = path[tenantIndex + 1]
        if request.method == "POST" {
            if failing.contains(tenant) { return Answer.error(400, "InvalidArgument") }
            let body = String(decoding: request.body, as: UTF8.self)
            let reference = body.components(between: "<CallerReference>", and: "</CallerReference>") ?? ""
            let now = time.now()
            let (id, createdAt) = state.withLock { state in
                if let existing = state.invalidations["\(tenant) \(reference)"] { return existing }
                state.creates += 1
                let made = (id: "I\(state.creates)", createdAt: now)
                state.invalidations["\(tenant) \(reference)"] = made
                return made
            }
            return Answer.invalidation(id, status: status(createdAt, now: now), code: 201)
        }
        let id = path.last ?? ""
        let createdAt = state.withLock { $0.invalidations.values.first { $0.id == id }?.createdAt }
        guard let createdAt else { return Answer.error(404, "NoSuchInvalidation") }
        return Answer.invalidation(id, status: status(createdAt, now: time.now()), code: 200)
    }

    private func status(_ createdAt: Duration, now: Duration) -> String {
        now - createdAt >= completeAfter ? "Completed" : "InProgress"
    }

    /// One ListDistributionTenants page after the request's `<Marker>`.
    private func page(_ request: HTTPRequest) -> FakeTransport.Step {
        let body = String(decoding: request.body, as: UTF8.self)
        let marker = body.components(between: "<Marker>", and: "</Marker>")
        let start = marker.flatMap { marker in tenants.firstIndex { $0.id == marker } } ?? 0
        let items = tenants[start..<min(start + pageSize, tenants.count)]
        let next = start + pageSize < tenants.count ? "<NextMarker>\(tenants[start + pageSize].id)</NextMarker>" : ""
        let summaries = items.map { tenant in
            "<DistributionTenantSummary><Id>\(tenant.id)</Id><DistributionId>E1MULTI</DistributionId>"
                + "<Name>\(tenant.id)</Name><Arn>arn:aws:cloudfront::123456789012:distribution-tenant/\(tenant.id)</Arn>"
                + "<Domains><DomainResult><Domain>\(tenant.id).example.com</Domain></DomainResult></Domains>"
                + "<Enabled>\(tenant.enabled)</Enabled><Status>Deployed</Status></DistributionTenantSummary>"
        }
        return .respond(
            HTTPResponse(
                status: 200, headers: [],
                body: Array(
                    ("<?xml version=\"1.0\"?><ListDistributionTenantsResult "
                        + "xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\">\(next)"
                        + "<DistributionTenantList>\(summaries.joined())</DistributionTenantList>"
                        + "</ListDistributionTenantsResult>").utf8)))
    }
}

extension String {
    /// The text between the first `open` and the `close` after it.
    func components(between open: String, and close: String) -> String? {
        guard let start = firstRange(of: open)?.upperBound, let end = self[start...].firstRange(of: close)?.lowerBound
        else { return nil }
        return String(self[start..<end])
    }
}

/// Events with the manual time they were reported at, to check how progress lines are paced.
final class TimedReporter: Reporter {
    let time: ManualTime
    private let recorded = Mutex<[(Duration, RunEvent)]>([])
    init(time: ManualTime) { self.time = time }
    func report(_ event: RunEvent) { recorded.withLock { $0.append((time.now(), event)) } }
    var events: [(Duration, RunEvent)] { recorded.withLock { $0 } }
}

/// `create --tenants-of` through the application core: selection, fan-out, outcome, all on a manual clock.
@Suite("Tenant runs")
struct TenantRunTests {
    static func values(wait: Bool = true, timeout: String? = nil, dryRun: Bool = false) -> CommandLineValues {
        var values = CommandLineValues()
        values.tenantSelection = TenantSelectionSettings(distributionID: "E1MULTI")
        values.paths = ["/index.html"]
        values.endpointURL = "http://127.0.0.1:9"
        values.wait = wait ? true : nil
        values.timeout = timeout
        values.dryRun = dryRun ? true : nil
        values.json = true
        return values
    }

    func run(
        _ world: TestWorld, _ values: CommandLineValues = Self.values(), planOnly: Bool = false,
        pacing: TenantPacing = .init(concurrency: 1)
    ) async -> (ExitCodes.ExitStatus, RecordingReporter) {
        let reporter = RecordingReporter()
        let status = await CreateRun(world: world, reporter: reporter, options: .init(tenantPacing: pacing))
            .run(values, planOnly: planOnly)
        return (status, reporter)
    }

    /// The tenant IDs of result entries.
    static func tenantIDs(_ entries: [ResultDocument.Entry]) -> [String] {
        entries.compactMap { entry in
            if case .tenant(let id) = entry.target { return id }
            return nil
        }
    }

    /// The notices and failures of a run, as text.
    func messages(_ reporter: RecordingReporter) -> [String] {
        reporter.events.compactMap { event in
            switch event {
            case .notice(let text), .warning(let text): text
            case .failed(_, let message): message
            default: nil
            }
        }
    }

    @Test("Every tenant over several pages gets one create and is awaited; the listing and requests are counted")
    func everyTenant() async throws {
        let cloudFront = FakeTenantCloudFront(tenants: FakeTenantCloudFront.tenants(5), time: ManualTime())
        let transport = cloudFront.transport
        let world = TestWorld(transport, time: cloudFront.time)
        let (status, reporter) = await run(world)
        #expect(status == .success)
        let document = try #require(reporter.document)
        #expect(Set(Self.tenantIDs(document.invalidations)) == Set((0..<5).map { "dt_\($0)" }))
        #expect(document.invalidations.allSatisfy { $0.status == "Completed" && $0.error == nil })
        #expect(cloudFront.creates == 5)
        let lists = transport.sent.filter { $0.url.hasSuffix("/distribution-tenants") }
        #expect(lists.count == 3)
        #expect(
            messages(reporter).contains {
                $0.hasPrefix("tenants of distribution E1MULTI: 5 listed in 3 page(s); 5 selected: dt_0, dt_1")
            })
        #expect(messages(reporter).contains { $0.hasPrefix("tenants: 5 invalidation(s), 5 completed;") })
        // With --json the IDs go only into the document.
        #expect(world.results.all.count == 1 && world.results.all[0].hasPrefix("{"))
    }

    @Test("A disabled tenant is skipped with a notice and never invalidated")
    func disabledSkipped() async throws {
        var tenants = FakeTenantCloudFront.tenants(3)
        tenants[1].enabled = false
        let cloudFront = FakeTenantCloudFront(tenants: tenants, time: ManualTime())
        let transport = cloudFront.transport
        let (status, reporter) = await run(TestWorld(transport, time: cloudFront.time))
        #expect(status == .success)
        #expect(messages(reporter).contains("1 disabled tenant(s) skipped: dt_1"))
        #expect(!transport.sent.contains { $0.url.contains("/distribution-tenant/dt_1/") })
        #expect(cloudFront.creates == 2)
    }

    @Test("A re-run of the same CI job creates nothing and says how many tenants were already done")
    func rerunCreatesNothing() async throws {
        let cloudFront = FakeTenantCloudFront(tenants: FakeTenantCloudFront.tenants(4), time: ManualTime())
        var world = TestWorld(cloudFront.transport, time: cloudFront.time)
        world.environment = [
            "GITHUB_ACTIONS": "true", "GITHUB_RUN_ID": "77", "GITHUB_JOB": "deploy", "GITHUB_RUN_ATTEMPT": "1",
        ]
        let (first, _) = await run(world)
        #expect(first == .success && cloudFront.creates == 4)
        world.environment["GITHUB_RUN_ATTEMPT"] = "2"
        cloudFront.time.advance(by: .seconds(60))
        let (second, reporter) = await run(world)
        #expect(second == .success)
        #expect(cloudFront.creates == 4)
        #expect(messages(reporter).contains { $0.contains("(4 already done by an earlier attempt of this job)") })
    }

    @Test("Some tenants failing give exit 1 with the others done, the failures grouped by reason")
    func someFail() async throws {
        let cloudFront = FakeTenantCloudFront(
            tenants: FakeTenantCloudFront.tenants(6), time: ManualTime(), failing: ["dt_1", "dt_4"])
        let (status, reporter) = await run(TestWorld(cloudFront.transport, time: cloudFront.time))
        #expect(status == .rejected)
        let document = try #require(reporter.document)
        let failed = document.invalidations.filter { $0.status == "Failed" }
        #expect(Set(Self.tenantIDs(failed)) == ["dt_1", "dt_4"])
        #expect(failed.allSatisfy { $0.error?.contains("InvalidArgument") == true && $0.id == nil })
        #expect(document.invalidations.filter { $0.status == "Completed" }.count == 4)
        #expect(document.exitCode == 1)
        #expect(messages(reporter).contains { $0.hasPrefix("2 tenant(s) failed: ") && $0.hasSuffix("(dt_1, dt_4)") })
    }

    @Test("A throttling storm slows the run down and still ends with every tenant done and none twice")
    func throttlingStorm() async throws {
        let cloudFront = FakeTenantCloudFront(
            tenants: FakeTenantCloudFront.tenants(8), time: ManualTime(), throttles: 12)
        let (status, reporter) = await run(TestWorld(cloudFront.transport, time: cloudFront.time))
        #expect(status == .success)
        #expect(cloudFront.creates == 8)
        let document = try #require(reporter.document)
        #expect(document.invalidations.allSatisfy { $0.status == "Completed" })
        #expect(messages(reporter).contains { $0.contains("% throttled.") && !$0.contains(" 0.0% throttled.") })
    }

    @Test("A dry run lists the tenants and creates nothing")
    func dryRun() async throws {
        let cloudFront = FakeTenantCloudFront(tenants: FakeTenantCloudFront.tenants(3), time: ManualTime())
        let transport = cloudFront.transport
        let (status, reporter) = await run(
            TestWorld(transport, time: cloudFront.time), Self.values(dryRun: true))
        #expect(status == .success)
        #expect(transport.sent.allSatisfy { $0.url.hasSuffix("/distribution-tenants") })
        let document = try #require(reporter.document)
        #expect(document.dryRun && document.invalidations.count == 3 && document.plannedBillablePaths == 3)
        #expect(messages(reporter).contains("Dry run: only tenants were listed; no invalidation was created."))
        #expect(
            messages(reporter).contains(
                "tenants of distribution E1MULTI: waits up to 30m for Completed, then fails (exit 124)"))
    }

    @Test("A connection group's dry run names the group, never an empty distribution")
    func connectionGroupDryRun() async throws {
        let cloudFront = FakeTenantCloudFront(tenants: FakeTenantCloudFront.tenants(2), time: ManualTime())
        var values = Self.values(wait: false, dryRun: true)
        values.tenantSelection = TenantSelectionSettings(connectionGroupID: "cg_1")
        let transport = cloudFront.transport
        let (status, reporter) = await run(TestWorld(transport, time: cloudFront.time), values)
        #expect(status == .success)
        let body = String(decoding: try #require(transport.sent.first).body, as: UTF8.self)
        #expect(body.contains("<ConnectionGroupId>cg_1</ConnectionGroupId>"))
        #expect(
            messages(reporter).contains(
                "tenants of connection group cg_1: does not wait for Completed (--wait to wait)"))
        #expect(!messages(reporter).contains { $0.hasPrefix("distribution :") })
    }

    @Test("Waiting that runs out gives 124 and names the tenants still in progress")
    func timesOut() async throws {
        let cloudFront = FakeTenantCloudFront(
            tenants: FakeTenantCloudFront.tenants(2), time: ManualTime(), completeAfter: .seconds(100_000))
        let (status, reporter) = await run(
            TestWorld(cloudFront.transport, time: cloudFront.time), Self.values(timeout: "2m"))
        #expect(status == .timedOut)
        #expect(messages(reporter).contains { $0.hasPrefix("timed out: 2 tenant(s) not Completed") })
        #expect(reporter.document?.invalidations.allSatisfy { $0.status == "InProgress" } == true)
    }

    @Test("In a CI log a progress line comes at most every 30 seconds of the run's clock")
    func progressPaced() async throws {
        let time = ManualTime()
        let cloudFront = FakeTenantCloudFront(
            tenants: FakeTenantCloudFront.tenants(3), time: time, completeAfter: .seconds(300))
        let reporter = TimedReporter(time: time)
        let status = await CreateRun(
            world: TestWorld(cloudFront.transport, time: time), reporter: reporter,
            options: .init(tenantPacing: .init(concurrency: 1))
        )
        .run(Self.values(timeout: "30m"), planOnly: false)
        #expect(status == .success)
        let progress = reporter.events.compactMap { at, event -> (Duration, String)? in
            if case .progress(let line) = event { return (at, line) }
            return nil
        }
        #expect(progress.count >= 2)
        #expect(progress.allSatisfy { $0.1.hasPrefix("tenants: 3 created, ") })
        // One line per 30 s of the run at most (each is decided on the clock before its counts are read).
        let elapsed = try #require(reporter.events.last?.0)
        #expect(Duration.seconds(30) * progress.count <= elapsed)
    }

    @Test("A listed tenant ID that is not one is refused before anything is created or printed")
    func forgedTenantID() async throws {
        let forged = "dt_1\n::error::forged"
        let cloudFront = FakeTenantCloudFront(
            tenants: [.init(id: "dt_0"), .init(id: forged)], time: ManualTime(), pageSize: 5)
        let transport = cloudFront.transport
        let world = TestWorld(transport, time: cloudFront.time)
        let (status, reporter) = await run(world)
        #expect(status == .rejected)
        #expect(cloudFront.creates == 0)
        #expect(transport.sent.allSatisfy { $0.url.hasSuffix("/distribution-tenants") })
        #expect(messages(reporter).contains { $0.contains("which is not a tenant ID") && !$0.contains("\n") })
        #expect(!world.results.all.joined().contains("::error::"))
    }

    @Test("Selected tenants beside -d are refused with exit 64 and nothing sent")
    func selectionBesideDistribution() async throws {
        let cloudFront = FakeTenantCloudFront(tenants: FakeTenantCloudFront.tenants(2), time: ManualTime())
        let transport = cloudFront.transport
        var values = Self.values()
        values.distributionIDs = ["E2"]
        let (status, _) = await run(TestWorld(transport, time: cloudFront.time), values)
        #expect(status == .usage)
        #expect(transport.sent.isEmpty)
    }

    @Test("--shard takes this job's share: the shards together invalidate every tenant once")
    func shards() async throws {
        var created: [String] = []
        for index in 1...3 {
            let cloudFront = FakeTenantCloudFront(tenants: FakeTenantCloudFront.tenants(10), time: ManualTime())
            let (status, reporter) = await run(
                TestWorld(cloudFront.transport, time: cloudFront.time),
                pacing: TenantPacing(shard: ShardSpec(parsing: "\(index)/3"), concurrency: 1))
            #expect(status == .success)
            created +=
                reporter.document?.invalidations.compactMap { entry in
                    if case .tenant(let id) = entry.target { return id }
                    return nil
                } ?? []
        }
        #expect(created.sorted() == (0..<10).map { "dt_\($0)" }.sorted())
    }

    @Test("A signal stops the fan-out with the signal's outcome, says how to finish, and counts what was not sent")
    func interrupted() async throws {
        let time = ManualTime()
        let cloudFront = FakeTenantCloudFront(tenants: FakeTenantCloudFront.tenants(40), time: time)
        let running = RunningTask()
        let creates = Counter()
        let transport = RoutingTransport { request in
            if request.method == "POST" && !request.url.hasSuffix("/distribution-tenants") {
                creates.increment()
                // The signal arrives during the third create: the live SignalTrap cancels the run's task.
                if creates.value == 3 { running.cancel() }
            }
            return cloudFront.answer(request)
        }
        var world = TestWorld(transport, time: time)
        world.signal = Interruption(signalName: "SIGTERM", status: .terminated)
        let reporter = RecordingReporter()
        let (gate, open) = AsyncStream<Void>.makeStream()
        let task = Task { [world] in
            for await _ in gate { break }
            return await CreateRun(
                world: world, reporter: reporter, options: .init(tenantPacing: .init(maxRequestRate: 1, concurrency: 1))
            )
            .run(Self.values(), planOnly: false)
        }
        running.set(task)
        open.yield()
        open.finish()
        let status = await task.value
        #expect(status == .terminated)
        #expect(reporter.events.contains(RunEvent.interrupted(signal: "SIGTERM", resume: nil)))
        #expect(messages(reporter).contains { $0.hasPrefix("To finish, re-run this step in the same CI job") })
        #expect(messages(reporter).contains { $0.hasPrefix("tenants: 40 invalidation(s)") && $0.contains(" not sent") })
        #expect(reporter.document?.exitCode == ExitCodes.ExitStatus.terminated.code)
        #expect(creates.value < 40, "no create after the signal")
    }
}
