/// Reads a monotonic time; injected so tests drive time by hand.
public protocol MonotonicClock: Sendable {
    /// Time since an arbitrary fixed origin.
    func now() -> Duration
}

/// The system's continuous clock.
public struct SystemMonotonicClock: MonotonicClock {
    private let origin = ContinuousClock.now
    public init() {}
    public func now() -> Duration { ContinuousClock.now - origin }
}
