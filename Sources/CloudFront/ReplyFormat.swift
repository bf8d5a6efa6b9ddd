/// The formats CloudFront documents for the identifiers its replies carry, checked when a reply is decoded.
///
/// Server text is untrusted: an ID becomes a line of stdout (`ID=$(cloudfront-invalidate …)`), part of the resume
/// command people copy, and a value in CI files, so `<Id>I1&#10;::error::forged</Id>` must never get that far.
/// The API reference gives IDs only by example (`IDFDVBD632BHDS5` for an invalidation, `EDFDVBD632BHDS5` for a
/// distribution); emulators use other letters (moto's IDs are upper-case letters and digits without the `I`/`E`
/// prefix), so the rule is the shape every one of them shares, not a prefix: ASCII letters and digits, bounded.
public enum ReplyFormat {
    /// The longest ID accepted; CloudFront's are 13 to 15 characters.
    public static let maximumIDLength = 64
    /// The longest status accepted; CloudFront says `InProgress` or `Completed`.
    public static let maximumStatusLength = 32
    /// The longest creation time accepted (`2026-11-29T20:21:14.123456789+00:00` is 35).
    public static let maximumTimeLength = 40

    /// An invalidation or distribution ID: 1 to 64 ASCII letters and digits (tenants: ``isTenantID``).
    public static func isID(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        return !scalars.isEmpty && scalars.count <= maximumIDLength && scalars.allSatisfy(isAlphanumeric)
    }

    /// A distribution tenant or connection group ID: 1 to 64 ASCII letters, digits, `_` and `-`.
    ///
    /// CloudFront writes them with a prefix and an underscore (`dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB`, `cg_…`), which
    /// ``isID`` would refuse; they become stdout lines of `--json`, log lines and CI outputs all the same.
    public static func isTenantID(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        return !scalars.isEmpty && scalars.count <= maximumIDLength
            && scalars.allSatisfy { isAlphanumeric($0) || $0 == "_" || $0 == "-" }
    }

    /// The longest ARN accepted (IAM allows 2,048).
    public static let maximumARNLength = 2048

    /// An ARN, sent back to ListTagsForResource: `arn:` and then 1 to 2,044 printable ASCII scalars, no space.
    public static func isARN(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        return text.hasPrefix("arn:") && scalars.count > 4 && scalars.count <= maximumARNLength
            && scalars.allSatisfy { (0x21..<0x7F).contains($0.value) }
    }

    /// A status: 1 to 32 ASCII letters, digits, `_` or `-` (`InProgress`, `Completed`, moto's `COMPLETED`).
    public static func isStatus(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        return !scalars.isEmpty && scalars.count <= maximumStatusLength
            && scalars.allSatisfy { isAlphanumeric($0) || $0 == "_" || $0 == "-" }
    }

    /// An ISO 8601 time: 1 to 40 ASCII digits, letters and `-:.+`.
    public static func isTimestamp(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        return !scalars.isEmpty && scalars.count <= maximumTimeLength
            && scalars.allSatisfy { isAlphanumeric($0) || $0 == "-" || $0 == ":" || $0 == "." || $0 == "+" }
    }

    /// A bounded, printable rendering of a refused value for an error message: control, format (bidi) and other
    /// non-ASCII scalars as `\u{…}`, at most 40 scalars.
    public static func shown(_ text: String) -> String {
        var result = ""
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            if offset == 40 {
                result += "… (\(text.utf8.count) bytes)"
                break
            }
            if (0x20..<0x7F).contains(scalar.value) {
                result.unicodeScalars.append(scalar)
            } else {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return "\"" + result + "\""
    }

    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
