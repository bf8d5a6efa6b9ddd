import TextTrimming

/// Whether a request may go to an endpoint over plain HTTP.
///
/// A signed AWS request carries its signature and, with temporary credentials, the session token; an STS web-identity
/// request carries the CI's OIDC token. Over `http://` to AWS itself these travel in cleartext, so a plain-HTTP URL
/// whose host is an AWS domain (`*.amazonaws.com`, `*.amazonaws.com.cn`, `*.api.aws`) is refused. Emulators (moto,
/// LocalStack) legitimately speak plain HTTP: on loopback that is fine, on any other host it is allowed with a warning.
public enum EndpointSecurity {
    /// What to do with an endpoint URL.
    public enum Verdict: Sendable, Equatable {
        /// `https://`, or a scheme this check does not judge.
        case encrypted
        /// `http://` to the local machine.
        case loopback
        /// `http://` to another host that is not AWS: allowed, with a warning.
        case plaintext(host: String)
        /// `http://` to an AWS host: refused.
        case refused(host: String)
    }

    /// Domains of AWS service endpoints.
    public static let awsDomains = ["amazonaws.com", "amazonaws.com.cn", "api.aws"]

    /// The verdict for `url` (`scheme://[user@]host[:port][/…]`).
    public static func verdict(for url: String) -> Verdict {
        let text = url.trimmingASCIIWhitespace()
        guard let separator = text.firstRange(of: "://") else { return .encrypted }
        guard text[..<separator.lowerBound].lowercased() == "http" else { return .encrypted }
        let host = self.host(in: text[separator.upperBound...])
        if isLoopback(host) { return .loopback }
        if isAWS(host) { return .refused(host: host) }
        return .plaintext(host: host)
    }

    /// The host of an authority, lower-cased, without user information, port, IPv6 brackets or trailing dots.
    static func host(in rest: Substring) -> String {
        var authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var host: Substring
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = authority[authority.index(after: authority.startIndex)..<close]
        } else {
            host = authority.prefix { $0 != ":" }
        }
        while host.hasSuffix(".") { host = host.dropLast() }
        return host.lowercased()
    }

    /// An AWS domain or one of its subdomains.
    public static func isAWS(_ host: String) -> Bool {
        awsDomains.contains { host == $0 || host.hasSuffix("." + $0) }
    }

    /// `localhost`, `*.localhost`, 127.0.0.0/8 or `::1`.
    public static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host.hasSuffix(".localhost") || host == "::1" || host == "0:0:0:0:0:0:0:1" {
            return true
        }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}
