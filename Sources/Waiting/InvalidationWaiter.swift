import CloudFront
import Resilience

/// Polls CloudFront until every given invalidation is Completed or the deadline passes.
///
/// All invalidations are awaited together in one loop. When several belong to one distribution, one
/// ListInvalidations call answers for all of them (it returns the 100 most recent with their statuses); any not
/// in that page are asked for one by one with GetInvalidation.
public struct InvalidationWaiter: Sendable {
    /// The status-reading calls, injected so tests need no network.
    public struct StatusSource: Sendable {
        public var get: @Sendable (PendingInvalidation) async throws -> InvalidationStatus
        public var listRecent: @Sendable (InvalidationTarget) async throws -> [String: InvalidationStatus]

        public init(
            get: @escaping @Sendable (PendingInvalidation) async throws -> InvalidationStatus,
            listRecent: @escaping @Sendable (InvalidationTarget) async throws -> [String: InvalidationStatus]
        ) {
            self.get = get
            self.listRecent = listRecent
        }
    }

    let source: StatusSource
    let clock: any MonotonicClock
    let sleeper: any Sleeper
    let schedule: PollSchedule
    let heartbeatInterval: Duration
    let onEvent: @Sendable (WaitEvent) -> Void

    public init(
        source: StatusSource, clock: any MonotonicClock, sleeper: any Sleeper, schedule: PollSchedule = .init(),
        heartbeatInterval: Duration = .seconds(60), onEvent: @escaping @Sendable (WaitEvent) -> Void = { _ in }
    ) {
        self.source = source
        self.clock = clock
        self.sleeper = sleeper
        self.schedule = schedule
        self.heartbeatInterval = heartbeatInterval
        self.onEvent = onEvent
    }

    /// Waits for `invalidations`; `startedAt` (clock time) is when the first was created, for elapsed times.
    ///
    /// Throws `CancellationError` when the task is cancelled and the client's error when a poll fails for good.
    public func wait(
        for invalidations: [PendingInvalidation], startedAt: Duration, deadline: Deadline
    ) async throws -> WaitOutcome {
        var pending = Set(invalidations)
        var lastSeen: [PendingInvalidation: InvalidationStatus] = [:]
        var completed: [PendingInvalidation: Duration] = [:]
        var checks = 0
        var lastHeartbeat = clock.now()
        // Bounded twice: by the deadline, and by a count no real schedule reaches (a 2 s floor for a day).
        while !pending.isEmpty && checks < 50_000 {
            let now = clock.now()
            let delay = deadline.clamp(schedule.delay(elapsed: now - startedAt, checksSoFar: checks), at: now)
            if checks > 0 && deadline.hasPassed(at: now) { break }
            try await sleeper.sleep(for: delay)
            checks += 1

            let statuses = try await poll(pending)
            let elapsed = clock.now() - startedAt
            for (invalidation, status) in statuses where lastSeen[invalidation] != status {
                lastSeen[invalidation] = status
                onEvent(.statusChanged(invalidation, status, elapsed: elapsed))
                if status.isCompleted {
                    pending.remove(invalidation)
                    completed[invalidation] = elapsed
                }
            }
            if !pending.isEmpty && clock.now() - lastHeartbeat >= heartbeatInterval {
                lastHeartbeat = clock.now()
                onEvent(.heartbeat(elapsed: elapsed, completed: completed.count, total: invalidations.count))
            }
            if deadline.hasPassed(at: clock.now()) { break }
        }
        return WaitOutcome(
            completed: completed, inProgress: invalidations.filter { pending.contains($0) })
    }

    /// One round of status reads: a list call per target with several pending, a get for the rest.
    func poll(_ pending: Set<PendingInvalidation>) async throws -> [PendingInvalidation: InvalidationStatus] {
        var statuses: [PendingInvalidation: InvalidationStatus] = [:]
        let byTarget = Dictionary(grouping: pending, by: \.target)
        for (target, group) in byTarget.sorted(by: { $0.key.description < $1.key.description }) {
            var unanswered = group.sorted { $0.id < $1.id }
            if group.count > 1 {
                let recent = try await source.listRecent(target)
                unanswered.removeAll { invalidation in
                    guard let status = recent[invalidation.id] else { return false }
                    statuses[invalidation] = status
                    return true
                }
            }
            for invalidation in unanswered {
                statuses[invalidation] = try await source.get(invalidation)
            }
        }
        return statuses
    }
}
