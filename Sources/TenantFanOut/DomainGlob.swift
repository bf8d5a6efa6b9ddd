/// A `--tenant-domain` pattern: `*` matches any run of characters (dots included), `?` one character; compared
/// without regard to ASCII case, as domain names are. Matched on Unicode scalars, never on grapheme clusters.
public struct DomainGlob: Sendable, Equatable, CustomStringConvertible {
    public let pattern: String
    private let scalars: [Unicode.Scalar]

    public init(_ pattern: String) {
        self.pattern = pattern
        scalars = Array(Self.lowercased(pattern).unicodeScalars)
    }

    public var description: String { pattern }

    /// True when `domain` matches the whole pattern.
    public func matches(_ domain: String) -> Bool {
        let text = Array(Self.lowercased(domain).unicodeScalars)
        // Iterative wildcard matching with one backtrack point: linear in practice, never exponential.
        var p = 0
        var t = 0
        var star: Int? = nil
        var resume = 0
        while t < text.count {
            if p < scalars.count && (scalars[p] == "?" || scalars[p] == text[t]) {
                p += 1
                t += 1
            } else if p < scalars.count && scalars[p] == "*" {
                star = p
                resume = t
                p += 1
            } else if let position = star {
                p = position + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < scalars.count && scalars[p] == "*" { p += 1 }
        return p == scalars.count
    }

    /// ASCII lower case only: domain names compare that way, and the rule must not depend on the locale.
    static func lowercased(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { scalar in
                    ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar
                }))
    }
}
