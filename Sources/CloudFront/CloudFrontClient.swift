import AWSPipeline
import Credentials
import Resilience
import Transport

/// Sends CloudFront API calls through the shared AWS request pipeline (signing, retries, error XML) and decodes the
/// answers; this type only builds requests, resolves credentials and maps failures to `CloudFrontClientError`.
///
/// Creating is safe to retry because every attempt carries the same CallerReference: CloudFront answers a repeat
/// of the same batch with the invalidation it already created.
public struct CloudFrontClient: Sendable {
    /// CloudFront is a global service signed for us-east-1 (aws-cn uses cn-northwest-1; set by the caller).
    public static let signingRegion = "us-east-1"
    public static let signingService = "cloudfront"
    /// The error codes every AWS call treats as throttling (the pipeline's one list).
    public static var throttlingCodes: Set<String> { RequestPipeline.throttlingCodes }

    public let endpoint: CloudFrontEndpoint
    let pipeline: RequestPipeline
    let credentials: any CredentialProvider

    /// A retry about to happen, for the log (the pipeline's notice, the same for every service).
    public typealias RetryNotice = AWSPipeline.RetryNotice

    public init(
        endpoint: CloudFrontEndpoint, transport: any HTTPTransport, credentials: any CredentialProvider,
        retrier: Retrier = Retrier(), region: String = CloudFrontClient.signingRegion,
        now: @escaping @Sendable () -> Double, onRetry: @escaping @Sendable (RetryNotice) -> Void = { _ in }
    ) {
        self.endpoint = endpoint
        self.credentials = credentials
        pipeline = RequestPipeline(
            service: AWSService(name: "CloudFront", signingName: Self.signingService, region: region),
            transport: transport, retrier: retrier, now: now, onRetry: onRetry)
    }

    /// The time limit this client's retries and exchanges end at, if any.
    public var deadline: Deadline? { pipeline.deadline }

    /// This client with its retries and exchanges bounded by `deadline` (nil: no bound).
    public func limited(by deadline: Deadline?) -> CloudFrontClient {
        CloudFrontClient(endpoint: endpoint, pipeline: pipeline.limited(by: deadline), credentials: credentials)
    }

    private init(endpoint: CloudFrontEndpoint, pipeline: RequestPipeline, credentials: any CredentialProvider) {
        self.endpoint = endpoint
        self.pipeline = pipeline
        self.credentials = credentials
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

    /// Sends one operation through the pipeline (signed with this client's credentials), then decodes its 2xx answer.
    func call<Value: Sendable>(
        _ operation: String, _ request: HTTPRequest, decode: (HTTPResponse) throws -> Value
    ) async throws(CloudFrontClientError) -> Value {
        let credentials = self.credentials
        let response: HTTPResponse
        do {
            response = try await pipeline.send(
                operation, request, signing: .sigV4({ try await credentials.resolve().credentials }))
        } catch {
            switch error {
            case .service(let service, let attempts): throw .service(service, attempts: attempts)
            case .transport(let transport, let attempts): throw .transport(transport, attempts: attempts)
            case .signing(let failure as CredentialError): throw .credentials(failure)
            case .signing(let failure): throw .invalidResponse("Could not sign \(operation): \(failure)")
            case .cancelled: throw .cancelled
            case .unexpected(let failure):
                throw .invalidResponse("Unexpected failure calling \(operation): \(failure)")
            }
        }
        do {
            return try decode(response)
        } catch {
            throw .invalidResponse("\(error)")
        }
    }
}
