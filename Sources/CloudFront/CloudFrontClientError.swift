import Credentials
import Transport

/// Why a CloudFront call failed after every retry it deserved.
public enum CloudFrontClientError: Error, Sendable, CustomStringConvertible {
    /// CloudFront answered with an error document.
    case service(CloudFrontServiceError, attempts: Int)
    /// No HTTP answer (connection refused, reset, timeout, TLS).
    case transport(TransportError, attempts: Int)
    /// No credentials to sign with.
    case credentials(CredentialError)
    /// A 2xx answer that is not the document the operation returns.
    case invalidResponse(String)

    public var description: String {
        switch self {
        case .service(let error, let attempts):
            let code = error.code ?? "HTTP \(error.status)"
            let message = error.message.map { ": \($0)" } ?? ""
            let request = error.requestID.map { " (request ID \($0))" } ?? ""
            return "CloudFront refused the request with \(code)\(message)\(request)\(Self.after(attempts))."
        case .transport(let error, let attempts):
            return "Could not reach CloudFront: \(error.message)\(Self.after(attempts))."
        case .credentials(let error):
            return error.description
        case .invalidResponse(let detail):
            return detail
        }
    }

    private static func after(_ attempts: Int) -> String { attempts > 1 ? " after \(attempts) attempts" : "" }
}
