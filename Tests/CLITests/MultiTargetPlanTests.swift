import CloudFront
import Configuration
import Foundation
import Planning
import Resilience
import Testing
import Waiting

@testable import CloudFrontInvalidateCLI

/// Per-target plans and per-target wait limits in one run.
@Suite("Several targets in one run")
struct MultiTargetPlanTests {
    @Test("Each target gets its own normalised paths, batches and wait policy")
    func perTargetPlan() throws {
        let inputs = ResolvedInputs(targets: [
            TargetInputs(
                distributionID: "E1", paths: ["index.html", "/assets/*", "/assets/app.js"], pathsSource: "ci.yml",
                wait: true, timeoutSeconds: 1200),
            TargetInputs(
                tenantID: "dt_1", paths: (0..<3_500).map { "/f\($0)" }, pathsSource: "ci.yml", wait: true,
                timeoutSeconds: 90, onTimeout: .warn),
            TargetInputs(distributionID: "E3", paths: ["/"], pathsSource: "ci.yml"),
        ])
        let plan = try RunPlan.make(inputs: inputs, rootEntries: [], workingDirectoryEntries: [])
        #expect(plan.targets.map(\.target) == [.distribution("E1"), .tenant("dt_1"), .distribution("E3")])
        #expect(plan.targets[0].paths == ["/index.html", "/assets/*"], "leading / added, covered path dropped")
        #expect(plan.targets[1].batches.count == 2)
        #expect(plan.billablePaths == 2 + 3_500 + 1)
        #expect(
            plan.targets.map(\.waitPolicy) == [
                "distribution E1: waits up to 20m for Completed, then fails (exit 124)",
                "tenant dt_1: waits up to 1m30s for Completed, then warns (exit 0)",
                "distribution E3: does not wait for Completed (--wait to wait)",
            ])
        #expect(plan.notices.count == 2)
    }

    @Test("Every target's path problems are reported together")
    func problemsCollected() {
        let inputs = ResolvedInputs(targets: [
            TargetInputs(distributionID: "E1", paths: ["/a*b"], pathsSource: "ci.yml"),
            TargetInputs(distributionID: "E2", paths: [], pathsSource: "ci.yml", changeList: .init(fromGit: "A..B")),
        ])
        let error = #expect(throws: ConfigurationError.self) {
            try RunPlan.make(
                inputs: inputs, rootEntries: [], workingDirectoryEntries: [],
                planChangeList: { settings, _ throws(ConfigurationError) in
                    throw ConfigurationError(
                        location: "--from-git", message: "'\(settings.fromGit ?? "")' is not a commit range here.")
                })
        }
        #expect(error?.problems.count == 2)
        #expect(error?.problems.last?.location == "--from-git")
        #expect(error?.problems.last?.message.contains("A..B") == true)
    }

    @Test("One waiter, per-target deadlines: the short one times out, the long one completes")
    func waitRounds() async throws {
        let time = FakeTime()
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
        let result = try await CreateRunner.wait(
            for: [(short, 0), (long, 1)], deadlines: deadlines, waiter: waiter, startedAt: .zero)
        #expect(result.timedOut == ["ISHORT"])
        #expect(result.completed.keys.sorted() == ["ILONG"])
        let elapsed = try #require(result.completed["ILONG"])
        #expect(elapsed >= 300 && elapsed < 600)
        #expect(time.now() < .seconds(600), "the wait ended when the last invalidation completed")
    }

    @Test("Targets sharing a deadline time out together; nothing waits past the last deadline")
    func sharedDeadline() async throws {
        let time = FakeTime()
        let pending = ["IA", "IB", "IC"].map { PendingInvalidation(target: .distribution("E\($0)"), id: $0) }
        let waiter = InvalidationWaiter(
            source: .init(get: { _ in .inProgress }, listRecent: { _ in [:] }), clock: time, sleeper: time)
        let deadlines = [60, 60, 120].map { Deadline(start: .zero, timeout: .seconds($0)) }
        let result = try await CreateRunner.wait(
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
            CreateRunner.summary(plan, statuses: [.success, .timedOut])
                == "Targets: distribution E1 succeeded; distribution E2 timed out waiting (exit 124).")
    }
}

/// A clock that only moves when something sleeps on it.
final class FakeTime: MonotonicClock, Sleeper, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Duration = .zero

    func now() -> Duration { lock.withLock { current } }

    func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        lock.withLock { current += max(duration, .milliseconds(1)) }
    }
}
