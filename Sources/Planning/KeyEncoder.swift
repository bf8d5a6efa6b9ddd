import Paths

/// Percent-encodes raw URL paths made from object keys, following ``Paths/PercentEncoder`` with two key-specific rules.
///
/// An object key has no query string and no escapes, so `%` is always encoded as `%25` and `?` as `%3F` before
/// the Paths rules run (a key `a%20b` is fetched as `/a%2520b`, a key `a?b` as `/a%3Fb`). A key CloudFront cannot
/// name exactly — with `*` or a control character, or longer than 4,000 characters once encoded — is covered by a
/// wildcard on the prefix before the offending character instead, so coverage is never lost.
enum KeyEncoder {
    /// The encoded form of one raw URL path.
    enum Encoded: Equatable {
        /// An exact invalidation path.
        case exact(String)
        /// Only a wildcard on this (encoded) prefix can cover the object; the reason is a whole sentence.
        case prefix(String, reason: String)
    }

    /// Encodes `path` (it starts with `/`).
    static func encode(_ path: String) -> Encoded {
        if path.utf8.allSatisfy(isPassThrough) {
            return fitted(path, original: path)
        }
        var escaped = ""
        escaped.reserveCapacity(path.utf8.count + 8)
        for scalar in path.unicodeScalars {
            if scalar == "*" || scalar.value < 0x20 || scalar.value == 0x7F {
                let what = scalar == "*" ? "'*'" : "a control character"
                return .prefix(
                    trimmedToLimit(PercentEncoder.encode(escaped)),
                    reason:
                        "The object '\(PathRules.printable(path))' contains \(what), which an invalidation path cannot "
                        + "name; a wildcard on the part before it covers the object.")
            }
            switch scalar {
            case "%": escaped += "%25"
            case "?": escaped += "%3F"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return fitted(PercentEncoder.encode(escaped), original: path)
    }

    /// `encoded` when within CloudFront's length limit, else a wildcard on its longest allowed prefix.
    static func fitted(_ encoded: String, original: String) -> Encoded {
        guard encoded.utf8.count > PathRules.maximumPathLength else { return .exact(encoded) }
        return .prefix(
            trimmedToLimit(encoded),
            reason: "The object '\(String(PathRules.printable(original).prefix(60)))…' is longer than CloudFront's "
                + "\(PathRules.maximumPathLength)-character limit once encoded; a wildcard on its first characters "
                + "covers it.")
    }

    /// The longest prefix of `encoded` that leaves room for `*` and does not end inside a `%XX` escape.
    static func trimmedToLimit(_ encoded: String) -> String {
        var bytes = Array(encoded.utf8.prefix(PathRules.maximumPathLength - 1))
        if bytes.count >= 1, bytes[bytes.count - 1] == UInt8(ascii: "%") { bytes.removeLast() }
        if bytes.count >= 2, bytes[bytes.count - 2] == UInt8(ascii: "%") { bytes.removeLast(2) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Bytes that ``PercentEncoder`` leaves as they are and that need no key-specific rule.
    ///
    /// A fast path: most keys are plain ASCII and skip the encoder entirely. Tested byte for byte against it.
    @inline(__always) static func isPassThrough(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "~"),
            UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("),
            UInt8(ascii: ")"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="),
            UInt8(ascii: ":"), UInt8(ascii: "@"):
            return true
        default:
            return false
        }
    }
}
