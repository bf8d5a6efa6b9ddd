/// Waits for a while. The product sleeps for real; tests record the delays and return at once.
public protocol Sleeper: Sendable {
    /// Throws `CancellationError` when the task is cancelled, so a signal stops a wait at once.
    func sleep(for duration: Duration) async throws
}

/// Sleeps on the continuous clock via `Task.sleep`.
public struct TaskSleeper: Sleeper {
    public init() {}

    public func sleep(for duration: Duration) async throws {
        guard duration > .zero else { return try Task.checkCancellation() }
        try await Task.sleep(for: duration)
    }
}

/// A source of numbers in `0 ..< 1` for jitter; injected so tests can fix it.
public protocol UnitRandomSource: Sendable {
    func next() -> Double
}

/// The system random generator.
public struct SystemUnitRandom: UnitRandomSource {
    public init() {}
    public func next() -> Double { Double.random(in: 0..<1) }
}
