/// Sends one HTTP request and returns the response. Implemented by `CurlTransport` in the product and by fakes in tests.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse
}

/// Why a request got no HTTP response. The kind decides whether a retry is safe.
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// DNS, refused or unreachable: nothing reached the server.
        case connect
        /// The connect or total timeout elapsed.
        case timeout
        /// The connection broke mid-exchange (reset, empty reply, partial response).
        case reset
        /// Certificate or handshake failure; retrying does not help.
        case tls
        /// The response body exceeded the transport's size cap.
        case responseTooLarge
        /// The URL or another input was unusable.
        case invalidRequest
        /// The task was cancelled (SIGINT/SIGTERM) and the request abandoned; never retried.
        case cancelled
        /// Anything else libcurl reports.
        case other
    }

    public var kind: Kind
    /// libcurl's own error text, kept for the log.
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
