import TextTrimming
import Transport

/// Where CloudFront API calls go: `scheme://host[:port]`, validated once, for the real service or an emulator.
public struct CloudFrontEndpoint: Sendable, Equatable, CustomStringConvertible {
    /// The global CloudFront API endpoint.
    public static let standard = "https://cloudfront.amazonaws.com"

    /// Why an endpoint URL was refused; the message names the URL and what to change.
    public struct InvalidURL: Error, Sendable, Equatable, CustomStringConvertible {
        public var url: String
        public var reason: String

        public var description: String {
            "The endpoint URL \"\(url)\" is not usable: \(reason). Use the form https://host or http://host:port."
        }
    }

    /// `scheme://host[:port]` without a trailing slash; the default port of the scheme is left out.
    public let baseURL: String
    /// `http` or `https`.
    public let scheme: String
    /// `host[:port]` as the `Host` header must carry it (and as SigV4 signs it): default ports are omitted.
    public let host: String

    public var description: String { baseURL }

    /// A warning for plain HTTP to a host that is neither the local machine nor AWS (an emulator elsewhere), or nil.
    public var plaintextWarning: String? {
        guard case .plaintext(let host) = EndpointSecurity.verdict(for: baseURL) else { return nil }
        return "The CloudFront endpoint \(baseURL) is plain HTTP to \(host): signed requests travel unencrypted. "
            + "Use https:// unless \(host) is an emulator on a network you trust."
    }

    /// Validates `url`: scheme http or https, a host name or IP literal, an optional port, nothing after "/".
    public init(parsing url: String) throws(InvalidURL) {
        let trimmed = url.trimmingASCIIWhitespace()
        func fail(_ reason: String) -> InvalidURL { InvalidURL(url: url, reason: reason) }

        guard let separator = trimmed.firstRange(of: "://") else {
            throw fail("it has no scheme; it must start with http:// or https://")
        }
        let scheme = trimmed[..<separator.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else {
            throw fail("the scheme \"\(scheme)\" is not supported; it must start with http:// or https://")
        }
        var authority = trimmed[separator.upperBound...]
        if authority.hasSuffix("/") { authority = authority.dropLast() }
        guard !authority.contains(where: { $0 == "/" || $0 == "?" || $0 == "#" }) else {
            throw fail("it has a path, query or fragment; give only the scheme, host and port")
        }
        guard !authority.contains("@") else { throw fail("it contains user information (user@)") }

        var hostPart = Substring(authority)
        var portPart: Substring?
        if hostPart.hasPrefix("[") {
            guard let close = hostPart.firstIndex(of: "]") else { throw fail("the IPv6 address has no closing \"]\"") }
            let address = hostPart[hostPart.index(after: hostPart.startIndex)..<close]
            guard !address.isEmpty, address.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                throw fail("\"[\(address)]\" is not an IPv6 address")
            }
            let rest = hostPart[hostPart.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { throw fail("unexpected text after the IPv6 address") }
                portPart = rest.dropFirst()
            }
            hostPart = hostPart[...close]
        } else if let colon = hostPart.firstIndex(of: ":") {
            portPart = hostPart[hostPart.index(after: colon)...]
            hostPart = hostPart[..<colon]
        }
        guard !hostPart.isEmpty else { throw fail("it has no host") }
        if !hostPart.hasPrefix("[") {
            guard
                hostPart.allSatisfy({
                    $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_")
                }),
                !hostPart.hasPrefix("."), !hostPart.hasPrefix("-")
            else {
                throw fail("\"\(hostPart)\" is not a valid host name")
            }
        }
        var port: Int?
        if let portPart {
            guard !portPart.isEmpty, portPart.count <= 5, portPart.allSatisfy({ $0.isASCII && $0.isNumber }),
                let number = Int(portPart), (1...65_535).contains(number)
            else {
                throw fail("the port \"\(portPart)\" is not a number from 1 to 65535")
            }
            port = number
        }
        if case .refused(let awsHost) = EndpointSecurity.verdict(for: trimmed) {
            throw fail(
                "plain http:// to the AWS host \(awsHost) would send the signed request and the session token "
                    + "unencrypted; use https://")
        }
        let defaultPort = scheme == "https" ? 443 : 80
        let host = hostPart.lowercased() + (port.map { $0 == defaultPort ? "" : ":\($0)" } ?? "")
        self.scheme = scheme
        self.host = host
        self.baseURL = scheme + "://" + host
    }
}
