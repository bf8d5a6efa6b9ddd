import CloudFront
import Configuration
import Planning
import Resilience
import TestSupport
import Testing
import Waiting

@testable import InvalidationRuns

/// Waiting for several targets with their own deadlines, and the run's summary line.
@Suite("Several targets in one run")
struct MultiTargetPlanTests {
    @Test("One waiter, per-target deadlines: the short one times out, the long one completes")
    func waitRounds() async throws {
        let time = ManualTime()
        let short = PendingInvalidation(target: .distribution("E1"), id: "ISHORT")
        let long = PendingInvalidation(target: .distribution("E2"), id: "ILONG")
        let waiter = InvalidationWaiter(
            source: .init(
                get: { pending in
                    pending == long && time.now() >= .seconds(300) ? .completed : .inProgress
                },
                listRecent: { _ in [:] }),
            clock: time, sleeper: time)
        let deadlines = [Deadline(start: .zero, timeout: .seconds(60)), Deadline(start: .zero, timeout: .seconds(600))]
        let result = try await CreateRun.wait(
            for: [(short, 0), (long, 1)], deadlines: deadlines, waiter: waiter, startedAt: .zero)
        #expect(result.timedOut == ["ISHORT"])
        #expect(result.completed.keys.sorted() == ["ILONG"])
        let elapsed = try #require(result.completed["ILONG"])
        #expect(elapsed >= 300 && elapsed < 600)
        #expect(time.now() < .seconds(600), "the wait ended when the last invalidation completed")
    }

    @Test("Targets sharing a deadline time out together; nothing waits past the last deadline")
    func sharedDeadline() async throws {
        let time = ManualTime()
        let pending = ["IA", "IB", "IC"].map { PendingInvalidation(target: .distribution("E\($0)"), id: $0) }
        let waiter = InvalidationWaiter(
            source: .init(get: { _ in .inProgress }, listRecent: { _ in [:] }), clock: time, sleeper: time)
        let deadlines = [60, 60, 120].map { Deadline(start: .zero, timeout: .seconds($0)) }
        let result = try await CreateRun.wait(
            for: pending.enumerated().map { ($1, $0) }, deadlines: deadlines, waiter: waiter, startedAt: .zero)
        #expect(result.timedOut == ["IA", "IB", "IC"])
        #expect(time.now() <= .seconds(121))
    }

    @Test("The summary line names each target's outcome")
    func summaryLine() throws {
        let inputs = ResolvedInputs(targets: [
            TargetInputs(distributionID: "E1", paths: ["/a"]), TargetInputs(distributionID: "E2", paths: ["/b"]),
        ])
        let plan = try RunPlan.make(inputs: inputs, rootEntries: [], workingDirectoryEntries: [])
        #expect(
            CreateRun.summary(plan, statuses: [.success, .timedOut])
                == "Targets: distribution E1 succeeded; distribution E2 timed out waiting (exit 124).")
    }
}
