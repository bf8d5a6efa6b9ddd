internal import Hashing

/// The canonical form of a request, task 1 of SigV4
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html#create-canonical-request).
struct CanonicalRequest: Sendable, Equatable {
    var method: String
    var uri: String
    var query: String
    /// `name:value` lines, sorted by lower-cased name.
    var headerLines: [String]
    /// Lower-cased names joined with `;`.
    var signedHeaders: String
    var payloadHash: String

    /// Header names never signed: authorization itself, hop-by-hop headers and ones that HTTP stacks or proxies
    /// rewrite. Same list as botocore's `SIGNED_HEADERS_BLACKLIST`, so a botocore verifier agrees with us.
    static let unsignedHeaderNames: Set<String> = [
        "authorization", "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
        "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    ]

    init(_ request: SigV4Request, normalizePath: Bool, doubleEncodePath: Bool) {
        method = request.method
        uri = Self.canonicalURI(request.path, normalize: normalizePath, encode: doubleEncodePath)
        query = Self.canonicalQuery(request.query)
        let headers = Self.canonicalHeaders(request.headers)
        headerLines = headers.map { "\($0.name):\($0.value)" }
        signedHeaders = headers.map(\.name).joined(separator: ";")
        payloadHash = SHA256.hash(request.body).hexString
    }

    /// The six parts joined by newlines; the header block ends with its own newline, hence the blank line.
    var text: String {
        [method, uri, query, headerLines.map { $0 + "\n" }.joined(), signedHeaders, payloadHash]
            .joined(separator: "\n")
    }

    /// The path, normalised (optional) and with every segment URI-encoded once more (optional; all services but S3).
    static func canonicalURI(_ path: String, normalize: Bool, encode: Bool) -> String {
        var path = path.isEmpty ? "/" : path
        if normalize { path = removingDotSegments(path) }
        if encode {
            path = path.split(separator: "/", omittingEmptySubsequences: false)
                .map { URIEncoding.encode($0.utf8) }
                .joined(separator: "/")
        }
        return path.isEmpty ? "/" : path
    }

    /// RFC 3986 §5.2.4 dot-segment removal that also drops empty segments, exactly as botocore's
    /// `remove_dot_segments`: `//example//` → `/example/`, `/a/..` → `/`; a trailing slash survives.
    static func removingDotSegments(_ path: String) -> String {
        var kept: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: false) {
            switch segment {
            case "", ".": continue
            case "..": _ = kept.popLast()
            default: kept.append(segment)
            }
        }
        let leading = path.hasPrefix("/") ? "/" : ""
        let trailing = path.hasSuffix("/") && !kept.isEmpty ? "/" : ""
        return leading + kept.joined(separator: "/") + trailing
    }

    /// Parameters decoded then re-encoded with the unreserved set, sorted by encoded name, then value.
    /// `+` is taken literally (`%2B`), as AWS does; a parameter without `=` gets an empty value.
    static func canonicalQuery(_ query: String) -> String {
        let pairs = query.split(separator: "&").map { parameter -> (name: String, value: String) in
            let parts = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = URIEncoding.encode(URIEncoding.decode(parts[0]))
            let value = parts.count > 1 ? URIEncoding.encode(URIEncoding.decode(parts[1])) : ""
            return (name, value)
        }
        return pairs.sorted { lhs, rhs in
            lhs.name == rhs.name
                ? lhs.value.utf8.lexicographicallyPrecedes(rhs.value.utf8)
                : lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8)
        }
        .map { "\($0.name)=\($0.value)" }
        .joined(separator: "&")
    }

    /// Lower-cased names, sorted; values trimmed with inner whitespace runs collapsed; repeated names joined by `,`.
    static func canonicalHeaders(_ headers: [SigV4Header]) -> [(name: String, value: String)] {
        var values: [String: [String]] = [:]
        for header in headers {
            let name = header.name.lowercased()
            guard !unsignedHeaderNames.contains(name) else { continue }
            values[name, default: []].append(normalizedValue(header.value))
        }
        return values.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .map { (name: $0, value: values[$0, default: []].joined(separator: ",")) }
    }

    /// Trims the ends and turns every run of spaces, tabs or line breaks (folded lines) into one space.
    static func normalizedValue(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" })
            .joined(separator: " ")
    }
}
