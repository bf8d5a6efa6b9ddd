import Resilience
import SigV4
import Transport

/// The one path every AWS call takes: sign each attempt, send it, classify the answer, retry with full jitter and
/// `Retry-After` within the run's deadline, and read the error XML (soto-core's AWSClient is the model).
///
/// A service client is request builders and decoders over this; it never signs, retries or parses errors itself.
public struct RequestPipeline: Sendable {
    /// How one attempt is signed.
    public enum Signing: Sendable {
        /// Sent as built (STS AssumeRoleWithWebIdentity: the token is the proof).
        case unsigned
        /// SigV4 with credentials fetched for every attempt, so a provider can refresh them before they expire.
        case sigV4(@Sendable () async throws -> AWSCredentials)
    }

    public let service: AWSService
    let transport: any HTTPTransport
    public let retrier: Retrier
    /// Seconds since 1970, read once per signed attempt.
    let now: @Sendable () -> Double
    let onRetry: @Sendable (RetryNotice) -> Void
    /// The run's time limit (in the retrier's clock): no retry starts, and no exchange lasts, beyond it.
    public private(set) var deadline: Deadline?

    public init(
        service: AWSService, transport: any HTTPTransport, retrier: Retrier = Retrier(),
        now: @escaping @Sendable () -> Double, onRetry: @escaping @Sendable (RetryNotice) -> Void = { _ in }
    ) {
        self.service = service
        self.transport = transport
        self.retrier = retrier
        self.now = now
        self.onRetry = onRetry
    }

    /// This pipeline with its retries and exchanges bounded by `deadline` (nil: no bound).
    public func limited(by deadline: Deadline?) -> RequestPipeline {
        var copy = self
        copy.deadline = deadline
        return copy
    }

    /// Sends `request` for `operation` until a 2xx answer, a failure a retry cannot fix, the last attempt or the
    /// deadline; returns the 2xx answer.
    public func send(
        _ operation: String, _ request: HTTPRequest, signing: Signing
    ) async throws(PipelineFailure) -> HTTPResponse {
        var attempts = 0
        let service = self.service
        let onRetry = self.onRetry
        do {
            return try await retrier.run(
                deadline: deadline, classify: { Self.classify($0, service: service) },
                onRetry: { retry in
                    onRetry(
                        RetryNotice(
                            service: service.name, operation: operation, attempt: retry.attempt, delay: retry.delay,
                            reason: retry.reason))
                },
                operation: { _ in
                    attempts += 1
                    return try await sendOnce(request, signing: signing)
                })
        } catch let failure as ErrorAnswer {
            throw .service(failure.error, attempts: attempts)
        } catch let error as TransportError {
            throw error.kind == .cancelled ? .cancelled : .transport(error, attempts: attempts)
        } catch let error as SigningFailure {
            throw .signing(error.underlying)
        } catch is CancellationError {
            throw .cancelled
        } catch {
            throw .unexpected(error)
        }
    }

    /// One attempt: sign (when asked), send, and turn a non-2xx answer into `ErrorAnswer`.
    private func sendOnce(_ request: HTTPRequest, signing: Signing) async throws -> HTTPResponse {
        var request = request
        if let deadline {
            // The time left, but never so little that a poll made at the deadline cannot get its answer.
            request.timeout = max(deadline.remaining(at: retrier.clock.now()), Self.shortestExchange)
        }
        if case .sigV4(let credentials) = signing {
            let resolved: AWSCredentials
            do {
                resolved = try await credentials()
            } catch {
                throw SigningFailure(underlying: error)
            }
            request = RequestSigner.sign(
                request, credentials: resolved, region: service.region, service: service.signingName,
                secondsSince1970: now())
        }
        let response = try await transport.send(request)
        guard (200..<300).contains(response.status) else {
            throw ErrorAnswer(
                error: AWSServiceError(response: response, service: service.name),
                retryAfter: RetryAfter.delay(response.header("Retry-After")))
        }
        return response
    }

    /// The least time an exchange is given near the deadline: a normal answer takes well under a second.
    public static let shortestExchange: Duration = .seconds(5)

    /// Error codes AWS uses for throttling: the one list for every service, kept beside the rate limiter's
    /// detector (which sits below the pipeline, as a transport decorator, and must see the same codes).
    public static var throttlingCodes: Set<String> { ThrottlingDetector.codes }

    /// Error codes of passing server trouble that may come with a 4xx status (botocore's transient list).
    public static let transientCodes: Set<String> = [
        "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "ServiceUnavailable",
    ]

    /// Maps a failed attempt to its retry family and a short reason for the log.
    static func classify(_ error: any Error, service: AWSService) -> (FailureClass, String) {
        switch error {
        case let answer as ErrorAnswer:
            let code = answer.error.code ?? "HTTP \(answer.error.status)"
            if answer.error.status == 429 || throttlingCodes.contains(answer.error.code ?? "") {
                return (.throttled(retryAfter: answer.retryAfter), "throttled (\(code))")
            }
            if answer.error.status >= 500 || transientCodes.contains(code) || service.transientCodes.contains(code) {
                return (.serverError(status: answer.error.status), code)
            }
            return (.permanent, code)
        case let error as TransportError:
            return (.transport(error.kind), error.message)
        default:
            return (.permanent, "\(error)")
        }
    }
}

/// A non-2xx answer, with the server's `Retry-After` for the retry policy.
struct ErrorAnswer: Error {
    var error: AWSServiceError
    var retryAfter: Duration?
}

/// The credentials for signing could not be had; never retried here (the provider chain retries its own calls).
struct SigningFailure: Error {
    var underlying: any Error
}
