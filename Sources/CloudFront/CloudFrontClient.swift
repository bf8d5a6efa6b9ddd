import Credentials
import Resilience
import SigV4
import Transport

/// Sends CloudFront API calls: signs each attempt with SigV4, retries what is safe to retry, decodes the answer.
///
/// Creating is safe to retry because every attempt carries the same CallerReference: CloudFront answers a repeat
/// of the same batch with the invalidation it already created.
public struct CloudFrontClient: Sendable {
    /// CloudFront is a global service signed for us-east-1 (aws-cn uses cn-northwest-1; set by the caller).
    public static let signingRegion = "us-east-1"
    public static let signingService = "cloudfront"

    public let endpoint: CloudFrontEndpoint
    let transport: any HTTPTransport
    let credentials: any CredentialProvider
    let retrier: Retrier
    let region: String
    /// Seconds since 1970, read once per signed attempt.
    let now: @Sendable () -> Double
    let onRetry: @Sendable (RetryNotice) -> Void

    /// A retry about to happen, for the log.
    public struct RetryNotice: Sendable, Equatable {
        public var operation: String
        public var attempt: Int
        public var delay: Duration
        public var reason: String
    }

    public init(
        endpoint: CloudFrontEndpoint, transport: any HTTPTransport, credentials: any CredentialProvider,
        retrier: Retrier = Retrier(), region: String = CloudFrontClient.signingRegion,
        now: @escaping @Sendable () -> Double, onRetry: @escaping @Sendable (RetryNotice) -> Void = { _ in }
    ) {
        self.endpoint = endpoint
        self.transport = transport
        self.credentials = credentials
        self.retrier = retrier
        self.region = region
        self.now = now
        self.onRetry = onRetry
    }

    /// CreateInvalidation (or its distribution-tenant variant).
    public func createInvalidation(
        target: InvalidationTarget, paths: [String], callerReference: String
    ) async throws(CloudFrontClientError) -> Invalidation {
        let request = CloudFrontAPI.createInvalidation(
            endpoint: endpoint, target: target, paths: paths, callerReference: callerReference)
        return try await call("CreateInvalidation", request, decode: CloudFrontAPI.decodeInvalidation)
    }

    /// GetInvalidation (or its distribution-tenant variant).
    public func getInvalidation(target: InvalidationTarget, id: String) async throws(CloudFrontClientError)
        -> Invalidation
    {
        let request = CloudFrontAPI.getInvalidation(endpoint: endpoint, target: target, id: id)
        return try await call("GetInvalidation", request, decode: CloudFrontAPI.decodeInvalidation)
    }

    /// ListInvalidations (or its distribution-tenant variant), one page.
    public func listInvalidations(
        target: InvalidationTarget, maxItems: Int? = nil, marker: String? = nil
    ) async throws(CloudFrontClientError) -> InvalidationList {
        let request = CloudFrontAPI.listInvalidations(
            endpoint: endpoint, target: target, maxItems: maxItems, marker: marker)
        return try await call("ListInvalidations", request, decode: CloudFrontAPI.decodeInvalidationList)
    }

    /// ListDistributions, one page.
    public func listDistributions(maxItems: Int? = nil, marker: String? = nil) async throws(CloudFrontClientError)
        -> DistributionList
    {
        let request = CloudFrontAPI.listDistributions(endpoint: endpoint, maxItems: maxItems, marker: marker)
        return try await call("ListDistributions", request, decode: CloudFrontAPI.decodeDistributionList)
    }

    /// Signs, sends and retries one operation, then decodes its 2xx answer.
    func call<Value: Sendable>(
        _ operation: String, _ request: HTTPRequest, decode: (HTTPResponse) throws -> Value
    ) async throws(CloudFrontClientError) -> Value {
        var attempts = 0
        let response: HTTPResponse
        do {
            response = try await retrier.run(
                classify: Self.classify,
                onRetry: { retry in
                    onRetry(
                        RetryNotice(
                            operation: operation, attempt: retry.attempt, delay: retry.delay, reason: retry.reason))
                },
                operation: { _ in
                    attempts += 1
                    return try await sendOnce(request)
                })
        } catch let failure as ServiceFailure {
            throw .service(failure.error, attempts: attempts)
        } catch let error as TransportError {
            throw .transport(error, attempts: attempts)
        } catch let error as CredentialError {
            throw .credentials(error)
        } catch {
            throw .invalidResponse("Unexpected failure calling \(operation): \(error)")
        }
        do {
            return try decode(response)
        } catch {
            throw .invalidResponse("\(error)")
        }
    }

    /// One signed attempt; non-2xx answers become `ServiceFailure`.
    private func sendOnce(_ request: HTTPRequest) async throws -> HTTPResponse {
        let resolved = try await credentials.resolve()
        let signed = RequestSigner.sign(
            request, host: endpoint.host, credentials: resolved.credentials, region: region,
            service: Self.signingService, secondsSince1970: now())
        let response = try await transport.send(signed)
        guard (200..<300).contains(response.status) else {
            throw ServiceFailure(
                error: CloudFrontAPI.decodeError(response), retryAfter: Self.retryAfter(response.header("Retry-After")))
        }
        return response
    }

    /// Error codes AWS uses for throttling (botocore's list, less the S3-only ones).
    public static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    ]

    /// Maps a failure to its retry family and a short reason for the log.
    static func classify(_ error: any Error) -> (FailureClass, String) {
        switch error {
        case let failure as ServiceFailure:
            let code = failure.error.code ?? "HTTP \(failure.error.status)"
            if failure.error.status == 429 || throttlingCodes.contains(failure.error.code ?? "") {
                return (.throttled(retryAfter: failure.retryAfter), "throttled (\(code))")
            }
            if failure.error.status >= 500 { return (.serverError(status: failure.error.status), code) }
            return (.permanent, code)
        case let error as TransportError:
            return (.transport(error.kind), error.message)
        default:
            return (.permanent, "\(error)")
        }
    }

    /// `Retry-After` in delta-seconds form; the HTTP-date form is ignored (AWS sends seconds).
    static func retryAfter(_ value: String?) -> Duration? {
        guard let value, let seconds = Double(value.filter { !$0.isWhitespace }), seconds >= 0 else { return nil }
        return .milliseconds(Int64(seconds * 1000))
    }
}

/// A non-2xx answer, with the server's `Retry-After` for the retry policy.
struct ServiceFailure: Error {
    var error: CloudFrontServiceError
    var retryAfter: Duration?
}
