import TextTrimming

/// An `http(s)://host[:port][/path][?query]` URL split into the parts requests and signatures need.
struct EndpointURL: Sendable, Equatable {
    var scheme: String
    /// Host and port as they go in the `Host` header (`127.0.0.1:5000`, `[fd00:ec2::254]`).
    var authority: String
    /// The host alone, brackets of IPv6 literals removed.
    var host: String
    /// The path, at least "/".
    var path: String
    /// The raw query without `?`.
    var query: String

    /// Parses `text`, or nil unless it is an absolute http or https URL with a host.
    init?(_ text: String) {
        let trimmed = text.trimmingASCIIWhitespace()
        guard let separator = trimmed.firstRange(of: "://") else { return nil }
        let scheme = trimmed[..<separator.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        var rest = trimmed[separator.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var authority = String(rest[..<authorityEnd])
        if let at = authority.lastIndex(of: "@") { authority = String(authority[authority.index(after: at)...]) }
        guard !authority.isEmpty else { return nil }
        rest = rest[authorityEnd...]
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        var path = rest
        var query = Substring("")
        if let question = rest.firstIndex(of: "?") {
            path = rest[..<question]
            query = rest[rest.index(after: question)...]
        }
        self.scheme = scheme
        self.authority = authority
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = String(authority[authority.index(after: authority.startIndex)..<close]).lowercased()
        } else {
            host = String(authority.split(separator: ":", maxSplits: 1).first ?? "").lowercased()
        }
        self.path = path.isEmpty ? "/" : String(path)
        self.query = String(query)
    }

    /// `scheme://authority` without path or query.
    var origin: String { "\(scheme)://\(authority)" }

    /// The URL again, with the path and query.
    var text: String { origin + path + (query.isEmpty ? "" : "?" + query) }
}
