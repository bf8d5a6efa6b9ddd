/// Reads a monotonic time; injected so tests drive time by hand.
public protocol MonotonicClock: Sendable {
    /// Time since an arbitrary fixed origin.
    func now() -> Duration
}

/// The system's continuous clock, measured from one origin for the whole process, so deadlines taken from one
/// instance can be compared with the time read from another.
public struct SystemMonotonicClock: MonotonicClock {
    private static let origin = ContinuousClock.now
    public init() { _ = Self.origin }
    public func now() -> Duration { ContinuousClock.now - Self.origin }
}
