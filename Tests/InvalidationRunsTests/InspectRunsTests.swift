import CloudFront
import Configuration
import ExitCodes
import InvalidationRuns
import Reporting
import TestSupport
import Testing
import Transport

/// `wait`, `status`, `list` and `check` through the application core, against a scripted CloudFront.
@Suite("Wait, status, list and check runs")
struct InspectRunsTests {
    static let request = TargetSession.Request(
        distributionNames: ["E1"], tenantIDs: [], tags: [:], endpointURL: "http://127.0.0.1:9", json: false,
        credentials: .init())

    func session(_ world: TestWorld, _ request: TargetSession.Request = Self.request) async throws -> TargetSession {
        try await TargetSession.make(request, world: world, reporter: RecordingReporter())
    }

    static let list = FakeTransport.Step.respond(
        HTTPResponse(
            status: 200, headers: [],
            body: Array(
                """
                <?xml version="1.0"?><InvalidationList xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">\
                <Marker></Marker><MaxItems>2</MaxItems><IsTruncated>false</IsTruncated><Quantity>2</Quantity><Items>\
                <InvalidationSummary><Id>I2</Id><CreateTime>2026-11-21T10:01:00Z</CreateTime><Status>InProgress</Status>\
                </InvalidationSummary><InvalidationSummary><Id>I1</Id><CreateTime>2026-11-21T10:00:00Z</CreateTime>\
                <Status>Completed</Status></InvalidationSummary></Items></InvalidationList>
                """.utf8)))

    @Test("A session names one target; naming two is a usage error for the single-target commands")
    func sessions() async throws {
        let world = TestWorld(FakeTransport([]))
        let one = try await session(world)
        #expect(try one.single() == .distribution("E1"))
        var two = Self.request
        two.distributionNames = ["E1", "E2"]
        let both = try await session(world, two)
        let error = #expect(throws: TargetResolver.Failure.self) { try both.single() }
        #expect(error?.status == .usage)
        var badTags = Self.request
        badTags.tagsProblem = "--distribution-tag 'x' is not KEY=VALUE."
        let refused = await #expect(throws: TargetResolver.Failure.self) { try await session(world, badTags) }
        #expect(refused?.status == .usage)
    }

    @Test("wait: polls to Completed and prints each ID with its status")
    func waitCompletes() async throws {
        let transport = FakeTransport([
            Answer.invalidation("I1", status: "InProgress", code: 200),
            Answer.invalidation("I1", status: "Completed", code: 200),
        ])
        let world = TestWorld(transport)
        let reporter = RecordingReporter()
        var values = CommandLineValues()
        values.distributionIDs = ["E1"]
        let inputs = try WaitRun(world: world, reporter: reporter).limits(values)
        let opened = try await session(world)
        let status = await WaitRun(world: world, reporter: reporter).run(
            for: ["I1"], target: .distribution("E1"), session: opened, inputs: inputs)
        #expect(status == .success)
        #expect(world.results.all == ["I1\tCompleted"])
        #expect(reporter.document?.overallStatus == "Completed")
    }

    @Test("wait: a timeout is 124 with the resume command; --on-timeout warn makes it 0")
    func waitTimesOut() async throws {
        for (policy, expected) in [("fail", ExitCodes.ExitStatus.timedOut), ("warn", .success)] {
            let transport = RoutingTransport { _ in Answer.invalidation("I1", status: "InProgress", code: 200) }
            let world = TestWorld(transport)
            let reporter = RecordingReporter()
            var values = CommandLineValuesForWait.make(timeout: "30", onTimeout: policy)
            values.distributionIDs = ["E1"]
            let inputs = try WaitRun(world: world, reporter: reporter).limits(values)
            let opened = try await session(world)
            let status = await WaitRun(world: world, reporter: reporter).run(
                for: ["I1"], target: .distribution("E1"), session: opened, inputs: inputs)
            #expect(status == expected)
            #expect(
                reporter.events.contains(
                    RunEvent.timedOut(
                        inProgress: ["I1"], resume: "cloudfront-invalidate wait -d E1 --id I1",
                        asWarning: policy == "warn")))
            #expect(world.results.all == ["I1\tInProgress"])
        }
    }

    @Test("wait: a malformed --timeout is a usage failure before anything is sent")
    func waitBadLimit() throws {
        let world = TestWorld(FakeTransport([]))
        var values = CommandLineValuesForWait.make(timeout: "soon", onTimeout: nil)
        values.distributionIDs = ["E1"]
        let error = #expect(throws: TargetResolver.Failure.self) {
            try WaitRun(world: world, reporter: RecordingReporter()).limits(values)
        }
        #expect(error?.status == .usage)
        #expect(error?.message.contains("soon") == true, "the malformed --timeout value is named")
    }

    @Test("status prints the status word; a refused read is its exit status")
    func status() async throws {
        let world = TestWorld(FakeTransport([Answer.invalidation("I1", status: "Completed", code: 200)]))
        let reporter = RecordingReporter()
        let opened = try await session(world)
        let found = await Inspection(world: world, reporter: reporter).status(
            of: "I1", target: .distribution("E1"), session: opened)
        #expect(found == .success)
        #expect(world.results.all == ["Completed"])
        let denied = TestWorld(FakeTransport([Answer.error(403, "AccessDenied")]))
        let deniedSession = try await session(denied)
        let outcome = await Inspection(world: denied, reporter: reporter).status(
            of: "I1", target: .distribution("E1"), session: deniedSession)
        #expect(outcome == .credentials)
        #expect(denied.results.all.isEmpty)
    }

    @Test("list prints one line per invalidation, newest first, up to the limit")
    func list() async throws {
        let world = TestWorld(FakeTransport([Self.list]))
        let opened = try await session(world)
        let status = await Inspection(world: world, reporter: RecordingReporter()).list(
            limit: 1, target: .distribution("E1"), session: opened)
        #expect(status == .success)
        #expect(world.results.all == ["I2\tInProgress\t2026-11-21T10:01:00Z"])
    }

    @Test("check: readable and allowed passes; AccessDenied on the probe is 77; a missing distribution is 64")
    func check() async throws {
        for (answers, expected) in [
            ([Self.list, Answer.error(400, "InvalidArgument")], ExitCodes.ExitStatus.success),
            ([Self.list, Answer.error(403, "AccessDenied")], .credentials),
            ([Answer.error(404, "NoSuchDistribution")], .usage),
        ] {
            let world = TestWorld(FakeTransport(answers))
            let opened = try await session(world)
            #expect(await Preflight.run(opened, reporter: RecordingReporter()) == expected)
        }
    }
}

/// The command-line values of `wait`'s limits.
enum CommandLineValuesForWait {
    static func make(timeout: String?, onTimeout: String?) -> CommandLineValues {
        var values = CommandLineValues()
        values.timeout = timeout
        values.onTimeout = onTimeout
        return values
    }
}
