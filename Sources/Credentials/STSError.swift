import TextTrimming
import Transport

/// Why an STS call gave no credentials.
public enum STSError: Error, Sendable, Equatable {
    /// STS answered with an error document.
    case service(status: Int, code: String?, message: String?, requestID: String?)
    /// No HTTP answer after every retry.
    case transport(TransportError)
    /// An answer that could not be read.
    case invalidResponse(String)

    /// The AWS error code, when STS gave one.
    public var code: String? {
        if case .service(_, let code, _, _) = self { return code }
        return nil
    }

    /// A whole sentence naming the operation, the endpoint and what STS said.
    func explanation(operation: String, endpoint: String) -> String {
        switch self {
        case .service(let status, let code, let message, let requestID):
            let what = code.map { "\($0)" } ?? "HTTP \(status)"
            let detail = message.map { ": \($0.trimmingASCIIWhitespace())" } ?? ""
            let request = requestID.map { " (request ID \($0))" } ?? ""
            return "STS \(operation) at \(endpoint) failed with \(what)\(CredentialError.sentence(detail))\(request)"
        case .transport(let error):
            return "STS \(operation) at \(endpoint) could not be reached: \(error.message)"
        case .invalidResponse(let detail):
            return "STS \(operation) at \(endpoint) sent an answer that could not be read: \(detail)"
        }
    }
}
