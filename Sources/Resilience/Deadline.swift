/// The moment a wait gives up, and what a delay becomes when it would cross it.
public struct Deadline: Sendable, Equatable {
    /// Instant as a duration since an arbitrary origin (the injected clock's).
    public var instant: Duration

    public init(start: Duration, timeout: Duration) {
        instant = start + timeout
    }

    /// Time left at `now`; never negative.
    public func remaining(at now: Duration) -> Duration { max(.zero, instant - now) }

    public func hasPassed(at now: Duration) -> Bool { now >= instant }

    /// `delay`, shortened so a sleep never ends after the deadline.
    public func clamp(_ delay: Duration, at now: Duration) -> Duration { min(delay, remaining(at: now)) }
}
