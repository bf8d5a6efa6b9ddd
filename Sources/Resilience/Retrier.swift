/// Runs an operation and applies a `RetryPolicy` to its failures with an injected clock, sleeper and random source.
public struct Retrier: Sendable {
    public var policy: RetryPolicy
    public var sleeper: any Sleeper
    public var random: any UnitRandomSource
    /// Reads the time a deadline is compared with; must be the clock the deadline was taken from.
    public var clock: any MonotonicClock

    public init(
        policy: RetryPolicy = .init(), sleeper: any Sleeper = TaskSleeper(),
        random: any UnitRandomSource = SystemUnitRandom(), clock: any MonotonicClock = SystemMonotonicClock()
    ) {
        self.policy = policy
        self.sleeper = sleeper
        self.random = random
        self.clock = clock
    }

    /// A retry that is about to happen, for the log.
    public struct Retry: Sendable, Equatable {
        public var attempt: Int
        public var delay: Duration
        public var failure: FailureClass
        public var reason: String
    }

    /// Calls `operation(attempt)` until it succeeds or the policy gives up; the last error is rethrown.
    ///
    /// `classify` maps an error to its `FailureClass` and a short reason for the log. With a `deadline`, no retry
    /// is made whose delay would end after it (the run's time limit bounds its retries too).
    public func run<Value: Sendable>(
        deadline: Deadline? = nil,
        classify: (any Error) -> (FailureClass, String),
        onRetry: (Retry) -> Void = { _ in },
        operation: (_ attempt: Int) async throws -> Value
    ) async throws -> Value {
        var attempt = 1
        while true {
            do {
                return try await operation(attempt)
            } catch {
                if error is CancellationError { throw error }
                let (failure, reason) = classify(error)
                let remaining = deadline?.remaining(at: clock.now())
                switch policy.decision(
                    afterAttempt: attempt, failure: failure, unitRandom: random.next(), remaining: remaining)
                {
                case .giveUp:
                    throw error
                case .retry(let delay):
                    onRetry(Retry(attempt: attempt, delay: delay, failure: failure, reason: reason))
                    try await sleeper.sleep(for: delay)
                    attempt += 1
                }
            }
        }
    }
}
