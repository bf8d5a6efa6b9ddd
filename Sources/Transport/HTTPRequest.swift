/// One HTTP request as the transport sends it: the URL is complete and already percent-encoded.
public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    public var url: String
    /// Header fields in the order they are sent; names keep the caller's case.
    public var headers: [HTTPHeader]
    public var body: [UInt8]
    /// The longest this one exchange may take, when shorter than the transport's own limit: the time left before
    /// the run's deadline, so a slow answer cannot carry a run past its `--timeout`.
    public var timeout: Duration?

    public init(
        method: String, url: String, headers: [HTTPHeader] = [], body: [UInt8] = [], timeout: Duration? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    /// The first value of the header `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// A header field name and value.
public struct HTTPHeader: Sendable, Equatable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
