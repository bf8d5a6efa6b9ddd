import Transport

/// Why a call through the pipeline gave no 2xx answer after every retry it deserved.
public enum PipelineFailure: Error, Sendable {
    /// The service answered with an error document (or a non-2xx without one).
    case service(AWSServiceError, attempts: Int)
    /// No HTTP answer (refused, reset, timeout, TLS, oversized).
    case transport(TransportError, attempts: Int)
    /// The credentials to sign with could not be had.
    case signing(any Error)
    /// The task was cancelled (SIGINT/SIGTERM): the request in flight was abandoned, no retry was made.
    case cancelled
    /// Something else stopped the call.
    case unexpected(any Error)
}

/// A retry that is about to happen, for the log: every service's retries are logged the same way.
public struct RetryNotice: Sendable, Equatable {
    /// "CloudFront", "STS".
    public var service: String
    public var operation: String
    public var attempt: Int
    public var delay: Duration
    public var reason: String

    public init(service: String, operation: String, attempt: Int, delay: Duration, reason: String) {
        self.service = service
        self.operation = operation
        self.attempt = attempt
        self.delay = delay
        self.reason = reason
    }
}
