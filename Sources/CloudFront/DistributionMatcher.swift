/// Finds the distribution a person means by a domain: the rules CloudFront itself routes by, plus origins.
///
/// In order of precedence, and only the first rule that matches anything counts:
/// 1. an exact alternate domain name (alias, case-insensitive, a trailing dot ignored);
/// 2. the distribution's own `d111111abcdef8.cloudfront.net` name;
/// 3. a wildcard alias: `*.example.com` matches any name ending in `.example.com` at any depth
///    (`www.example.com`, `a.b.example.com`), not `example.com` itself; the longest (most specific) wildcard wins,
///    as in CloudFront's routing (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/alternate-domain-names-wildcard.html);
/// 4. an origin's domain name (`my-bucket.s3.us-east-1.amazonaws.com`), which also yields that origin's OriginPath.
public enum DistributionMatcher {
    /// How a name matched.
    public enum Rule: Sendable, Equatable, CustomStringConvertible {
        case alias
        case cloudFrontDomain
        case wildcardAlias(String)
        case originDomain(originID: String)

        public var description: String {
            switch self {
            case .alias: "alternate domain name"
            case .cloudFrontDomain: "CloudFront domain name"
            case .wildcardAlias(let pattern): "wildcard alias \(pattern)"
            case .originDomain(let id): "origin \(id)"
            }
        }
    }

    /// One distribution a name matched.
    public struct Match: Sendable, Equatable {
        public var distribution: DistributionSummary
        public var rule: Rule
        /// The matched origin's path prefix (`/prod`), for mapping object keys to URLs; nil unless an origin matched.
        public var originPath: String?
    }

    /// True for strings shaped like a distribution ID: letters and digits only, no dot. Anything with a dot is a
    /// domain. IDs are used as they are, without a ListDistributions call (CloudFront's own IDs start with `E`,
    /// emulators such as moto use other letters, so only the shape is checked).
    public static func isDistributionID(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 64
            && text.unicodeScalars.allSatisfy {
                ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0)
            }
    }

    /// The matches of the highest-precedence rule that matched any distribution; empty when nothing matched.
    public static func matches(_ name: String, in distributions: [DistributionSummary]) -> [Match] {
        let wanted = normalize(name)
        let exact = distributions.filter { $0.aliases.contains { normalize($0) == wanted } }
        if !exact.isEmpty { return exact.map { Match(distribution: $0, rule: .alias, originPath: nil) } }

        let own = distributions.filter { normalize($0.domainName) == wanted }
        if !own.isEmpty { return own.map { Match(distribution: $0, rule: .cloudFrontDomain, originPath: nil) } }

        var bestLength = 0
        var wildcard: [Match] = []
        for distribution in distributions {
            for alias in distribution.aliases.map(normalize) where alias.hasPrefix("*.") {
                let suffix = String(alias.dropFirst())  // ".example.com"
                guard wanted.hasSuffix(suffix), wanted.count > suffix.count else { continue }
                if suffix.count > bestLength {
                    bestLength = suffix.count
                    wildcard = []
                }
                if suffix.count == bestLength, !wildcard.contains(where: { $0.distribution.id == distribution.id }) {
                    wildcard.append(Match(distribution: distribution, rule: .wildcardAlias(alias), originPath: nil))
                }
            }
        }
        if !wildcard.isEmpty { return wildcard }

        return distributions.compactMap { distribution in
            guard let origin = distribution.origins.first(where: { normalize($0.domainName) == wanted }) else {
                return nil
            }
            return Match(
                distribution: distribution, rule: .originDomain(originID: origin.id),
                originPath: origin.originPath.isEmpty ? nil : origin.originPath)
        }
    }

    /// Lower-cased, without a URL scheme, path or trailing dot, so `https://WWW.Example.com/` finds `www.example.com`.
    static func normalize(_ name: String) -> String {
        var text = Substring(name.lowercased())
        if let scheme = text.firstRange(of: "://") { text = text[scheme.upperBound...] }
        if let slash = text.firstIndex(of: "/") { text = text[..<slash] }
        while text.hasSuffix(".") { text = text.dropLast() }
        return String(text)
    }
}
