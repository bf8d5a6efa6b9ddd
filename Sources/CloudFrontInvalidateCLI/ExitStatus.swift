import CloudFront
import Credentials

/// The contract's exit codes, in one place (README "Exit codes").
public enum ExitStatus: Int32, Sendable, Comparable {
    case success = 0
    /// CloudFront rejected the request, or an unexpected failure.
    case rejected = 1
    /// Usage or configuration error; nothing was sent.
    case usage = 64
    /// CloudFront or the network stayed unavailable after every retry.
    case unavailable = 69
    /// No usable credentials, or access denied / signature rejected / token expired.
    case credentials = 77
    /// `--wait` timed out; the invalidations exist and are still in progress.
    case timedOut = 124
    case interrupted = 130
    case terminated = 143

    /// Severity for combining several targets' outcomes: interruption beats everything, then timeouts and errors.
    private var severity: Int {
        switch self {
        case .success: 0
        case .timedOut: 1
        case .rejected: 2
        case .unavailable: 3
        case .credentials: 4
        case .usage: 5
        case .interrupted, .terminated: 6
        }
    }

    public static func < (lhs: ExitStatus, rhs: ExitStatus) -> Bool { lhs.severity < rhs.severity }

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
        case .service(let service, _):
            if let code = service.code, credentialErrorCodes.contains(code) { return .credentials }
            if service.status == 401 || service.status == 403 { return .credentials }
            if service.status == 429 || service.status >= 500 { return .unavailable }
            if let code = service.code, CloudFrontClient.throttlingCodes.contains(code) { return .unavailable }
            return .rejected
        }
    }
}
