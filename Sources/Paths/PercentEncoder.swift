/// Percent-encodes invalidation paths the way CloudFront expects: non-ASCII and RFC 1738 "unsafe" characters only.
///
/// CloudFront's guide ("What you need to know when invalidating paths") says to URL-encode non-ASCII characters and
/// the unsafe characters of RFC 1738 §2.2, and nothing else, or the old object is not invalidated. So:
/// - UTF-8 bytes ≥ 0x80 and space `"` `<` `>` `#` `{` `}` `|` `\` `^` `[` `]` `` ` `` become `%XX` (upper-case hex);
/// - `%` followed by two hex digits is an existing escape and is kept as is (encoding happens exactly once);
///   any other `%` becomes `%25`;
/// - `*` is never encoded (an encoded `*` would stop being a wildcard), nor are `?`, `=`, `&`, so a query string
///   after the first `?` keeps its structure; the same rules apply to path and query;
/// - `~` is kept. RFC 1738 lists it as unsafe, but RFC 3986 made it unreserved, browsers send it literally, and
///   CloudFront's cache key is the URI as viewers send it, so `/~user/` must be invalidated as `/~user/`, which is
///   also what the AWS CLI and botocore send. Encoding it (`%7E`) would invalidate nothing.
/// Control characters are not handled here: ``PathRules`` rejects them before encoding.
public enum PercentEncoder {
    /// The ASCII bytes RFC 1738 calls unsafe, minus `%` (handled separately) and `~` (see above).
    static let unsafeASCII: Set<UInt8> = Set(" \"<>#{}|\\^[]`".utf8)

    /// Returns `text` with every non-ASCII byte, unsafe character and stray `%` percent-encoded.
    public static func encode(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                if index + 2 < bytes.count, isHexDigit(bytes[index + 1]), isHexDigit(bytes[index + 2]) {
                    output.append(byte)
                } else {
                    appendEscape(byte, to: &output)
                }
            } else if byte >= 0x80 || unsafeASCII.contains(byte) {
                appendEscape(byte, to: &output)
            } else {
                output.append(byte)
            }
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether `byte` is `0-9`, `A-F` or `a-f`.
    static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "F"),
            UInt8(ascii: "a")...UInt8(ascii: "f"):
            return true
        default:
            return false
        }
    }

    /// Appends `%XX` with upper-case hex digits, as RFC 3986 §2.1 recommends.
    static func appendEscape(_ byte: UInt8, to output: inout [UInt8]) {
        let digits = Array("0123456789ABCDEF".utf8)
        output.append(UInt8(ascii: "%"))
        output.append(digits[Int(byte >> 4)])
        output.append(digits[Int(byte & 0x0F)])
    }
}
