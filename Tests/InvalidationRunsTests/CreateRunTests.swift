import CloudFront
import Configuration
import ExitCodes
import InvalidationRuns
import Reporting
import TestSupport
import Testing
import Transport

/// The main path of `create` through the application core: a scripted CloudFront behind the fake transport, a
/// manual clock, and the events and results the run produced.
@Suite("Create runs")
struct CreateRunTests {
    /// The command line of a run: `-d` targets, one path, `--endpoint-url` on 127.0.0.1, and optionally `--wait`.
    static func values(_ distributions: [String] = ["E1"], wait: Bool = false, timeout: String? = nil)
        -> CommandLineValues
    {
        var values = CommandLineValues()
        values.distributionIDs = distributions
        values.paths = ["/index.html"]
        values.endpointURL = "http://127.0.0.1:9"
        values.wait = wait ? true : nil
        values.timeout = timeout
        return values
    }

    func run(_ world: TestWorld, _ values: CommandLineValues, planOnly: Bool = false) async
        -> (ExitCodes.ExitStatus, RecordingReporter)
    {
        let reporter = RecordingReporter()
        let status = await CreateRun(world: world, reporter: reporter).run(values, planOnly: planOnly)
        return (status, reporter)
    }

    @Test("A create: one POST, the ID on the result channel, success")
    func create() async throws {
        let transport = FakeTransport([Answer.invalidation("I1", status: "InProgress")])
        let world = TestWorld(transport)
        let (status, reporter) = await run(world, Self.values())
        #expect(status == .success)
        #expect(world.results.all == ["I1"])
        let request = try #require(transport.sent.first)
        #expect(transport.sent.count == 1)
        #expect(request.isCreate("E1"))
        #expect(String(decoding: request.body, as: UTF8.self).contains("<Path>/index.html</Path>"))
        let document = try #require(reporter.document)
        #expect(document.exitCode == 0 && document.invalidationIDs == ["I1"] && !document.dryRun)
    }

    @Test("A 503 is retried after the backoff, with the same CallerReference, and the retry is logged")
    func retried() async throws {
        let transport = FakeTransport([
            Answer.error(503, "ServiceUnavailable"), Answer.invalidation("I1", status: "InProgress"),
        ])
        let world = TestWorld(transport)
        let (status, reporter) = await run(world, Self.values())
        #expect(status == .success)
        #expect(world.results.all == ["I1"])
        #expect(transport.sent.count == 2)
        #expect(transport.sent[0].body == transport.sent[1].body, "the retry resends the same batch")
        #expect(world.time.sleeps.count == 1, "one backoff, slept on the world's clock")
        #expect(
            reporter.events.contains {
                if case .retrying(_, let attempt, _, _) = $0 { attempt == 1 } else { false }
            })
    }

    @Test("TooManyInvalidationsInProgress is waited out and the batch resent")
    func tooManyInProgress() async throws {
        let transport = FakeTransport([
            Answer.error(400, "TooManyInvalidationsInProgress"), Answer.invalidation("I1", status: "InProgress"),
        ])
        let world = TestWorld(transport)
        let (status, reporter) = await run(world, Self.values())
        #expect(status == .success)
        #expect(world.results.all == ["I1"])
        #expect(transport.sent.count == 2)
        #expect(world.time.sleeps == [.seconds(5)], "the first room-retry delay")
        #expect(
            reporter.events.contains {
                if case .notice(let text) = $0 { text.contains("too many invalidations in progress") } else { false }
            })
    }

    @Test("A wait that completes: polled until Completed, reported Completed, exit 0")
    func waitCompletes() async throws {
        let transport = FakeTransport([
            Answer.invalidation("I1", status: "InProgress"), Answer.invalidation("I1", status: "InProgress", code: 200),
            Answer.invalidation("I1", status: "Completed", code: 200),
        ])
        let world = TestWorld(transport)
        let (status, reporter) = await run(world, Self.values(wait: true))
        #expect(status == .success)
        #expect(transport.sent.dropFirst().allSatisfy { $0.isGet })
        let document = try #require(reporter.document)
        #expect(document.invalidations.map(\.status) == ["Completed"])
        #expect(document.overallStatus == "Completed")
        #expect(
            reporter.events.contains {
                if case .statusChanged(_, "I1", .completed, _) = $0 { true } else { false }
            })
    }

    @Test("A wait that runs out of time: exit 124, the invalidation still in progress, and how to resume")
    func timeout() async throws {
        let transport = RoutingTransport { request in
            request.isGet
                ? Answer.invalidation("I1", status: "InProgress", code: 200)
                : Answer.invalidation("I1", status: "InProgress")
        }
        let world = TestWorld(transport)
        let (status, reporter) = await run(world, Self.values(wait: true, timeout: "60"))
        #expect(status == .timedOut)
        #expect(status.code == 124)
        #expect(world.time.now() <= .seconds(61), "nothing waits past the deadline")
        #expect(
            reporter.events.contains(
                RunEvent.timedOut(
                    inProgress: ["I1"], resume: "cloudfront-invalidate wait -d E1 --id I1", asWarning: false)))
        #expect(reporter.document?.exitCode == 124)
    }

    @Test(
        "An interruption while waiting reports what was created and how to resume, with the signal's outcome",
        arguments: [("SIGINT", ExitCodes.ExitStatus.interrupted), ("SIGTERM", .terminated)])
    func interrupted(signal: String, expected: ExitCodes.ExitStatus) async throws {
        let running = RunningTask()
        let transport = RoutingTransport { request in
            guard request.isGet else { return Answer.invalidation("I1", status: "InProgress") }
            // The signal arrives while the first poll is in flight: the live SignalTrap cancels the run's task.
            running.cancel()
            return Answer.invalidation("I1", status: "InProgress", code: 200)
        }
        var world = TestWorld(transport)
        world.signal = Interruption(signalName: signal, status: expected)
        let reporter = RecordingReporter()
        let (gate, open) = AsyncStream<Void>.makeStream()
        let task = Task { [world] in
            for await _ in gate { break }
            return await CreateRun(world: world, reporter: reporter).run(Self.values(wait: true), planOnly: false)
        }
        running.set(task)
        open.yield()
        open.finish()
        let status = await task.value
        #expect(status == expected)
        #expect(world.results.all == ["I1"], "the ID was written when it was created")
        #expect(
            reporter.events.contains(
                RunEvent.interrupted(signal: signal, resume: "cloudfront-invalidate wait -d E1 --id I1")))
        #expect(reporter.document?.exitCode == expected.code)
        #expect(reporter.document?.overallStatus == "Interrupted")
        #expect(transport.sent.filter { $0.isGet }.count == 1, "no poll after the signal")
    }

    @Test("Several targets, one refused: the others succeed, the run takes the worst outcome and names each")
    func severalTargetsOneFailing() async throws {
        let transport = RoutingTransport { request in
            if request.isCreate("E1") { return Answer.invalidation("IE1", status: "InProgress") }
            if request.isCreate("E2") { return Answer.error(403, "AccessDenied") }
            return Answer.invalidation("IE3", status: "InProgress")
        }
        let world = TestWorld(transport)
        let (status, reporter) = await run(world, Self.values(["E1", "E2", "E3"]))
        #expect(status == .credentials)
        #expect(Set(world.results.all) == ["IE1", "IE3"])
        #expect(
            reporter.events.contains(
                RunEvent.notice(
                    "Targets: distribution E1 succeeded; distribution E2 was refused for credentials or access "
                        + "(exit 77); distribution E3 succeeded.")))
        #expect(
            reporter.events.contains {
                if case .failed(.distribution("E2"), let message) = $0 {
                    message.contains("AccessDenied")
                } else {
                    false
                }
            })
        let document = try #require(reporter.document)
        #expect(document.exitCode == 77)
        #expect(document.errors.count == 1)
    }

    @Test("Planning only (validate): nothing is sent, the plan is the document")
    func planOnly() async throws {
        let transport = FakeTransport([])
        let world = TestWorld(transport)
        let (status, reporter) = await run(world, Self.values(), planOnly: true)
        #expect(status == .success)
        #expect(transport.sent.isEmpty)
        #expect(reporter.document?.dryRun == true)
        #expect(world.results.all.isEmpty)
    }

    @Test("A bad path is refused with the usage outcome (64) and nothing is sent")
    func refused() async throws {
        let transport = FakeTransport([])
        var values = Self.values()
        values.paths = ["/a*b"]
        let (status, reporter) = await run(TestWorld(transport), values)
        #expect(status == .usage)
        #expect(transport.sent.isEmpty)
        #expect(reporter.events.contains { if case .refused = $0 { true } else { false } })
    }
}
