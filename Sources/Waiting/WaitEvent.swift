import CloudFront

/// Progress of a wait, for the log.
public enum WaitEvent: Sendable, Equatable {
    /// An invalidation's status differs from the last one seen.
    case statusChanged(PendingInvalidation, InvalidationStatus, elapsed: Duration)
    /// Still waiting; emitted at most once per `heartbeatInterval`.
    case heartbeat(elapsed: Duration, completed: Int, total: Int)
}

/// An invalidation being waited on.
public struct PendingInvalidation: Sendable, Hashable, CustomStringConvertible {
    public var target: InvalidationTarget
    public var id: String

    public init(target: InvalidationTarget, id: String) {
        self.target = target
        self.id = id
    }

    public var description: String { "\(id) (\(target))" }
}

/// How a wait ended.
public struct WaitOutcome: Sendable, Equatable {
    /// Completed invalidations with the time waited for each.
    public var completed: [PendingInvalidation: Duration]
    /// Those still in progress when the deadline passed (empty unless timed out).
    public var inProgress: [PendingInvalidation]

    public var timedOut: Bool { !inProgress.isEmpty }
}
