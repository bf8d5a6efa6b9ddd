import CloudFront
import ExitCodes
import Planning
import Resilience
import Waiting

extension CreateRun {
    /// Waits for every pending invalidation with one waiter, in rounds: each round runs to the earliest deadline
    /// still open, and the invalidations whose target has that deadline and are not Completed have timed out.
    /// Bounded: every round retires one distinct deadline (at most one per target).
    static func wait(
        for waiting: [(pending: PendingInvalidation, target: Int)], deadlines: [Deadline], waiter: InvalidationWaiter,
        startedAt start: Duration
    ) async throws -> (completed: [String: Double], timedOut: Set<String>) {
        var remaining = waiting
        var completed: [String: Double] = [:]
        var timedOut: Set<String> = []
        while let earliest = remaining.map({ deadlines[$0.target] }).min(by: { $0.instant < $1.instant }) {
            let outcome = try await waiter.wait(for: remaining.map(\.pending), startedAt: start, deadline: earliest)
            for (invalidation, elapsed) in outcome.completed { completed[invalidation.id] = elapsed.seconds }
            let stillInProgress = Set(outcome.inProgress)
            for item in remaining where stillInProgress.contains(item.pending) && deadlines[item.target] == earliest {
                timedOut.insert(item.pending.id)
            }
            remaining.removeAll { !stillInProgress.contains($0.pending) || deadlines[$0.target] == earliest }
        }
        return (completed, timedOut)
    }

    /// One line naming each target's outcome, so a multi-target log says which target failed how.
    static func summary(_ plan: RunPlan, statuses: [ExitStatus]) -> String {
        let parts = zip(plan.targets, statuses).map { target, status in "\(target.target) \(status.targetOutcome)" }
        return "Targets: " + parts.joined(separator: "; ") + "."
    }

    /// `cloudfront-invalidate wait …` for the given invalidations (those in `only`, when given).
    static func resumeCommand(_ created: [CreatedInvalidation], only: Set<String>?) -> String {
        let chosen = created.filter { only?.contains($0.invalidation.id) ?? true }
        let byTarget = Dictionary(grouping: chosen, by: \.target)
        return byTarget.keys.sorted { $0.description < $1.description }.map { target in
            ResumeCommand.wait(target, ids: byTarget[target, default: []].map(\.invalidation.id))
        }.joined(separator: " && ")
    }
}

/// The command that picks up invalidations a run left in progress.
enum ResumeCommand {
    /// `cloudfront-invalidate wait -d ID --id I1 --id I2` (or `--tenant-id ID`).
    static func wait(_ target: InvalidationTarget, ids: [String]) -> String {
        let flag =
            switch target {
            case .distribution(let id): "-d \(id)"
            case .tenant(let id): "--tenant-id \(id)"
            }
        return "cloudfront-invalidate wait \(flag) " + ids.map { "--id \($0)" }.joined(separator: " ")
    }
}
