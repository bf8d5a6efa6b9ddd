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
    /// The run was interrupted (SIGINT/SIGTERM) while the call was in flight or waiting to retry.
    case cancelled

    public var description: String {
        switch self {
        case .service(let error, let attempts):
            let code = error.code ?? "HTTP \(error.status)"
            let message = error.message.map { ": \($0)" } ?? ""
            let request = error.requestID.map { " (request ID \($0))" } ?? ""
            return "CloudFront refused the request with \(code)\(message)\(request)\(Self.after(attempts))."
        case .transport(let error, let attempts):
            let what =
                switch error.kind {
                case .responseTooLarge: "CloudFront's answer was refused"
                case .tls: "Could not set up TLS with CloudFront"
                default: "Could not reach CloudFront"
                }
            return "\(what): \(error.message.trimmingSuffix("."))\(Self.after(attempts))."
        case .credentials(let error):
            return error.description
        case .invalidResponse(let detail):
            return detail
        case .cancelled:
            return "The request to CloudFront was cancelled."
        }
    }

    private static func after(_ attempts: Int) -> String { attempts > 1 ? " after \(attempts) attempts" : "" }
}

extension String {
    /// The text without one trailing `suffix`, so a message can be set inside a sentence of its own.
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
