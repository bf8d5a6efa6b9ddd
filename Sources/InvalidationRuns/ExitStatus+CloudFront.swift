import CloudFront
import ExitCodes

extension ExitStatus {
    /// AWS error codes that mean "these credentials cannot do this" rather than "this request is wrong".
    static let credentialErrorCodes: Set<String> = [
        "AccessDenied", "AccessDeniedException", "SignatureDoesNotMatch", "InvalidClientTokenId", "ExpiredToken",
        "ExpiredTokenException", "MissingAuthenticationToken", "IncompleteSignature", "UnrecognizedClientException",
        "InvalidAccessKeyId", "InvalidSignatureException", "RequestExpired", "AuthFailure", "NotAuthorized",
    ]

    /// The exit status a client failure maps to.
    public static func of(_ error: CloudFrontClientError) -> ExitStatus {
        switch error {
        case .credentials: return .credentials
        case .transport: return .unavailable
        case .invalidResponse: return .rejected
        case .cancelled: return .interrupted
        case .service(let service, _):
            if let code = service.code, credentialErrorCodes.contains(code) { return .credentials }
            if service.status == 401 || service.status == 403 { return .credentials }
            if service.status == 429 || service.status >= 500 { return .unavailable }
            if let code = service.code, CloudFrontClient.throttlingCodes.contains(code) { return .unavailable }
            return .rejected
        }
    }
}
