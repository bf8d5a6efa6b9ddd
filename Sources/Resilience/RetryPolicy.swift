import Transport

/// When a failed call is tried again, and after how long: a pure function of the attempt number and the failure.
///
/// Full-jitter exponential backoff (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/):
/// the delay before attempt `n + 1` is uniform in `0 ..< min(maxDelay, baseDelay · 2^(n−1))`. A server's
/// `Retry-After` is a floor, not a replacement, so a crowd of clients still spreads out after it; the floor is held
/// at `maxRetryAfter` (the backoff cap by default), so a hostile or confused server cannot park a run for hours.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included.
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// A longer `Retry-After` is shortened to this before it is honoured.
    public var maxRetryAfter: Duration

    public init(
        maxAttempts: Int = 5, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(20),
        maxRetryAfter: Duration? = nil
    ) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter ?? maxDelay
    }

    /// The decision after `attempt` (1-based) failed with `failure`; `unitRandom` is in `0 ..< 1`. With `remaining`
    /// (the time left before the run's deadline), a retry whose delay would not end before it is not made.
    public func decision(
        afterAttempt attempt: Int, failure: FailureClass, unitRandom: Double, remaining: Duration? = nil
    ) -> RetryDecision {
        guard failure.isRetryable else { return .giveUp(reason: .notRetryable) }
        guard attempt < maxAttempts else { return .giveUp(reason: .attemptsExhausted) }
        let exponent = min(attempt - 1, 30)
        let ceiling = min(maxDelay, baseDelay * (1 << exponent))
        var delay = ceiling * max(0, min(unitRandom, 1))
        if case .throttled(let retryAfter?) = failure {
            delay = max(delay, min(retryAfter, maxRetryAfter))
        }
        if let remaining, delay >= remaining { return .giveUp(reason: .deadline) }
        return .retry(after: delay)
    }
}

/// What a failure means for retrying.
public enum FailureClass: Sendable, Equatable {
    /// Throttling or 429, with the server's `Retry-After` when it gave one.
    case throttled(retryAfter: Duration?)
    /// A 5xx answer.
    case serverError(status: Int)
    /// No HTTP answer at all.
    case transport(TransportError.Kind)
    /// Anything a retry cannot fix (validation, not found, access denied).
    case permanent

    public var isRetryable: Bool {
        switch self {
        case .throttled, .serverError: true
        case .transport(let kind): [.connect, .timeout, .reset].contains(kind)
        case .permanent: false
        }
    }
}

/// Retry after a delay, or stop.
public enum RetryDecision: Sendable, Equatable {
    case retry(after: Duration)
    case giveUp(reason: GiveUpReason)

    public enum GiveUpReason: Sendable, Equatable {
        case notRetryable
        case attemptsExhausted
        /// The next attempt would start after the run's deadline.
        case deadline
    }
}
