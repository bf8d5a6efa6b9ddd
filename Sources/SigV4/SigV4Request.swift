/// The parts of an HTTP request that SigV4 signs, exactly as they will go on the wire.
public struct SigV4Request: Sendable, Equatable {
    /// The HTTP method, e.g. `GET`; used as given.
    public var method: String
    /// The path as sent, already percent-encoded where the URL needs it (`/2020-05-31/distribution/E…`).
    public var path: String
    /// The raw query string without `?`; empty when there is none.
    public var query: String
    /// Headers in sending order; the caller supplies `Host`. Repeated names are allowed.
    public var headers: [SigV4Header]
    /// The payload; its SHA-256 goes into the canonical request.
    public var body: [UInt8]

    public init(method: String, path: String, query: String = "", headers: [SigV4Header] = [], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The first value of the header called `name` (case-insensitive), if any.
    public func value(forHeader name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }
}
