import CloudFront
import Synchronization
import TenantFanOut
import TestSupport
import Testing
import Waiting

/// The fan-out on a hand-driven clock with one worker: deterministic, nothing sleeps.
@Suite("Tenant fan-out")
struct FanOutTests {
    /// A scripted CloudFront: invalidations complete `completeAfter` after creation; failures by tenant.
    final class FakeCloudFront: Sendable {
        struct State {
            var created: [String: (id: String, at: Duration, reference: String)] = [:]
            var creates = 0
            var polls = 0
            var failures: [String: [TenantFailure]] = [:]
        }
        let state = Mutex(State())
        let time: ManualTime
        let completeAfter: Duration

        init(time: ManualTime, completeAfter: Duration, failures: [String: [TenantFailure]] = [:]) {
            self.time = time
            self.completeAfter = completeAfter
            state.withLock { $0.failures = failures }
        }

        var operations: TenantFanOut.Operations {
            TenantFanOut.Operations(
                create: { tenant, _, reference throws(TenantFailure) in
                    let now = self.time.now()
                    let result: Result<Invalidation, TenantFailure> = self.state.withLock { state in
                        state.creates += 1
                        if var queue = state.failures[tenant], !queue.isEmpty {
                            let failure = queue.removeFirst()
                            state.failures[tenant] = queue
                            return .failure(failure)
                        }
                        if let existing = state.created[tenant], existing.reference == reference {
                            let done = now - existing.at >= self.completeAfter
                            return .success(Invalidation(id: existing.id, status: done ? .completed : .inProgress))
                        }
                        let id = "I\(state.created.count)"
                        state.created[tenant] = (id, now, reference)
                        return .success(Invalidation(id: id, status: .inProgress))
                    }
                    return try result.get()
                },
                status: { tenant, id throws(TenantFailure) in
                    let now = self.time.now()
                    return self.state.withLock { state in
                        state.polls += 1
                        let created = state.created[tenant]!
                        return now - created.at >= self.completeAfter ? .completed : .inProgress
                    }
                })
        }
    }

    static let retryable = TenantFailure(kind: .retryable, message: "throttled", exitCode: 69)
    static let rejected = TenantFailure(kind: .permanent, message: "InvalidArgument", exitCode: 1)

    static func jobs(_ count: Int) -> [TenantJob] {
        (0..<count).map { TenantJob(tenantID: "dt_\($0)", group: 0, batch: 0, callerReference: "ref-\($0)") }
    }

    static func run(
        _ cloudFront: FakeCloudFront, jobs: [TenantJob], wait: Bool = true, timeout: Duration = .seconds(3600)
    ) async -> (TenantFanOut.Outcome, TenantProgress) {
        let time = cloudFront.time
        let groups = [TenantGroup(batches: [["/index.html"]], wait: wait, deadline: time.now() + timeout)]
        let board = TenantBoard(jobs: jobs, groups: groups)
        let fanOut = TenantFanOut(operations: cloudFront.operations, clock: time, sleeper: time, concurrency: 1)
        let outcome = await fanOut.run(jobs, groups: groups, startedAt: time.now(), board: board)
        return (outcome, await board.progress(elapsedSeconds: 0, rate: 0, requests: 0, throttled: 0))
    }

    @Test("Every tenant is created once and polled until Completed; polls stop at Completed")
    func allComplete() async {
        let cloudFront = FakeCloudFront(time: ManualTime(), completeAfter: .seconds(1))
        let (outcome, progress) = await Self.run(cloudFront, jobs: Self.jobs(50))
        #expect(outcome.results.allSatisfy { $0.state == .completed })
        #expect(progress.completed == 50 && progress.created == 50 && progress.failed == 0)
        let (creates, polls) = cloudFront.state.withLock { ($0.creates, $0.polls) }
        #expect(creates == 50)
        // First poll 2 s after the create, when each is already Completed: one poll per tenant.
        #expect(polls == 50)
    }

    @Test("An invalidation still InProgress is polled again after a quarter of its age (at least 2 s)")
    func pollsBackOffWithAge() async {
        let cloudFront = FakeCloudFront(time: ManualTime(), completeAfter: .seconds(20))
        let (outcome, _) = await Self.run(cloudFront, jobs: Self.jobs(1))
        #expect(outcome.results[0].state == .completed)
        // Polls at 2, 4, 6, 8, 10, 12.5, 15.6, 19.5, 24.4 s: nine, where a fixed 2 s would take ten and doubling
        // from 2 s would end at 30 s.
        #expect(cloudFront.state.withLock { $0.polls } == 9)
        #expect(outcome.results[0].elapsedSeconds.map { $0 < 25 } == true)
    }

    @Test("Retryable failures are tried again later and succeed; permanent ones fail only their tenant")
    func failuresStayWithTheirTenant() async {
        let cloudFront = FakeCloudFront(
            time: ManualTime(), completeAfter: .seconds(1),
            failures: ["dt_1": [Self.retryable, Self.retryable], "dt_2": [Self.rejected]])
        let (outcome, progress) = await Self.run(cloudFront, jobs: Self.jobs(5))
        #expect(outcome.results[1].state == .completed)
        #expect(outcome.results[2].state == .failed(Self.rejected))
        #expect(outcome.results.filter { $0.state == .completed }.count == 4)
        #expect(progress.failed == 1)
        #expect(outcome.fatal == nil)
    }

    @Test("A tenant that stays throttled fails after maxRounds; the others are done")
    func roundsAreBounded() async {
        let cloudFront = FakeCloudFront(
            time: ManualTime(), completeAfter: .seconds(1),
            failures: ["dt_0": Array(repeating: Self.retryable, count: 50)])
        let (outcome, _) = await Self.run(cloudFront, jobs: Self.jobs(3))
        #expect(outcome.results[0].state == .failed(Self.retryable))
        #expect(cloudFront.state.withLock { $0.creates } == 6 + 2)
    }

    @Test("A fatal failure stops the run: nothing more is created")
    func fatalStops() async {
        let fatal = TenantFailure(kind: .fatal, message: "AccessDenied", exitCode: 77)
        let cloudFront = FakeCloudFront(time: ManualTime(), completeAfter: .seconds(1), failures: ["dt_0": [fatal]])
        let (outcome, _) = await Self.run(cloudFront, jobs: Self.jobs(10))
        #expect(outcome.fatal == fatal)
        #expect(cloudFront.state.withLock { $0.creates } == 1)
        #expect(outcome.results.dropFirst().allSatisfy { $0.state == .notSent })
    }

    @Test("A re-run creates nothing new: Completed answers to the same references count as already done")
    func rerunIsAlreadyDone() async {
        let time = ManualTime()
        let cloudFront = FakeCloudFront(time: time, completeAfter: .seconds(2))
        _ = await Self.run(cloudFront, jobs: Self.jobs(20))
        time.advance(by: .seconds(60))
        let (outcome, progress) = await Self.run(cloudFront, jobs: Self.jobs(20))
        #expect(cloudFront.state.withLock { $0.created.count } == 20)
        #expect(progress.alreadyDone == 20)
        #expect(outcome.results.allSatisfy { $0.alreadyDone && $0.state == .completed })
        #expect(cloudFront.state.withLock { $0.polls } == 20, "the re-run polled nothing")
    }

    @Test("When the deadline passes, created tenants stay InProgress and the rest were not sent")
    func deadline() async {
        let cloudFront = FakeCloudFront(time: ManualTime(), completeAfter: .seconds(1000))
        let (outcome, _) = await Self.run(cloudFront, jobs: Self.jobs(4), timeout: .seconds(30))
        #expect(outcome.results.allSatisfy { $0.state == .inProgress })
        #expect(cloudFront.state.withLock { $0.polls } > 0)
    }

    @Test("Without waiting, a created tenant is done at once and never polled")
    func noWait() async {
        let cloudFront = FakeCloudFront(time: ManualTime(), completeAfter: .seconds(1))
        let (outcome, progress) = await Self.run(cloudFront, jobs: Self.jobs(5), wait: false)
        #expect(outcome.results.allSatisfy { $0.state == .created })
        #expect(progress.created == 5 && progress.completed == 0)
        #expect(cloudFront.state.withLock { $0.polls } == 0)
    }

    @Test("Progress: the line names counts, rate and an ETA from the requests still needed")
    func progressLine() {
        let progress = TenantProgress(
            total: 5000, created: 1200, completed: 950, failed: 2, alreadyDone: 0, elapsedSeconds: 30, rate: 40,
            requests: 2150, throttled: 3, waits: true)
        #expect(progress.etaSeconds == Double(3798 + 4048) / 40)
        #expect(progress.line == "tenants: 1,200 created, 950 completed, 2 failed of 5,000 · 40.0 req/s · ETA 3m17s")
    }
}
