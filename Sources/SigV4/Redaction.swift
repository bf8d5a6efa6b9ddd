/// The one redaction of text that may reach a person (log lines, CI files, the JSON result, error messages): known
/// secret values masked, and request-signing material a server may echo scrubbed.
///
/// Both work on UTF-8 bytes, never on grapheme clusters: `String.replacing` compares `Character`s, so a secret
/// followed by U+0301, U+200D or U+FE0F (which fuse with its last character) would not be found. UTF-8 is
/// self-synchronising, so a byte match of a valid UTF-8 secret always starts and ends on scalar boundaries.
///
/// Scrubbed, whatever their case, wherever they appear (headers, canonical requests in `SignatureDoesNotMatch`
/// replies, query strings, JSON, XML): the value of `Authorization` (to the end of its line), `X-Amz-Security-Token`,
/// `X-Amz-Signature`, `Signature`, and the credential fields `SessionToken`, `SecretAccessKey`,
/// `aws_session_token`, `aws_secret_access_key`, `WebIdentityToken`.
public enum Redaction {
    /// What a secret is replaced with.
    public static let replacement = "***"

    /// `text` with signing material scrubbed and every value of `secrets` (longest first) masked.
    public static func redact(_ text: String, secrets: [String]) -> String {
        var bytes = Array(text.utf8)
        scrubSigningMaterial(&bytes)
        for secret in secrets.sorted(by: { $0.utf8.count > $1.utf8.count }) where !secret.isEmpty {
            replace(Array(secret.utf8), in: &bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A name whose value is secret, and whether the value runs to the end of the line (it contains spaces).
    struct Field {
        let name: [UInt8]
        let toEndOfLine: Bool

        init(_ name: String, toEndOfLine: Bool = false) {
            self.name = Array(name.utf8)
            self.toEndOfLine = toEndOfLine
        }
    }

    /// Lower-case names; matched ASCII case-insensitively.
    static let fields: [Field] = [
        Field("authorization", toEndOfLine: true), Field("x-amz-security-token"), Field("x-amz-signature"),
        Field("signature"), Field("sessiontoken"), Field("session_token"), Field("secretaccesskey"),
        Field("secret_access_key"), Field("webidentitytoken"),
    ]

    /// Replaces the value after each `name: value`, `name=value`, `"name": "value"` or `<name>value` with `***`.
    static func scrubSigningMaterial(_ bytes: inout [UInt8]) {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        // Bounded: every pass copies at least one byte or skips a whole value.
        while index < bytes.count {
            if let (field, nameEnd) = fieldName(in: bytes, at: index),
                let (valueStart, valueEnd) = value(in: bytes, after: nameEnd, field: field)
            {
                output += bytes[index..<valueStart]
                output += Array(replacement.utf8)
                index = valueEnd
                continue
            }
            output.append(bytes[index])
            index += 1
        }
        bytes = output
    }

    /// The field whose name starts at `index`, and the index after the name.
    private static func fieldName(in bytes: [UInt8], at index: Int) -> (Field, Int)? {
        for field in fields where matches(field.name, in: bytes, at: index) {
            return (field, index + field.name.count)
        }
        return nil
    }

    /// Where the value after a field name lies, when a separator follows the name; nil for a mere mention
    /// ("SignatureDoesNotMatch", "the signature you provided").
    private static func value(in bytes: [UInt8], after nameEnd: Int, field: Field) -> (Int, Int)? {
        var index = nameEnd
        if index < bytes.count, bytes[index] == quote || bytes[index] == apostrophe { index += 1 }
        index = skipBlanks(bytes, from: index)
        guard index < bytes.count else { return nil }
        let separator = bytes[index]
        guard separator == UInt8(ascii: ":") || separator == UInt8(ascii: "=") || separator == UInt8(ascii: ">")
        else { return nil }
        index = skipBlanks(bytes, from: index + 1)
        var start = index
        var end: Int
        if separator == UInt8(ascii: ">") {
            // <SessionToken>value</SessionToken>
            end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "<") { end += 1 }
        } else if start < bytes.count, bytes[start] == quote || bytes[start] == apostrophe {
            let closing = bytes[start]
            start += 1
            end = start
            while end < bytes.count, bytes[end] != closing, !isLineBreak(bytes[end]) { end += 1 }
        } else {
            end = start
            while end < bytes.count, !ends(bytes[end], toEndOfLine: field.toEndOfLine) { end += 1 }
        }
        return end > start ? (start, end) : nil
    }

    static let quote = UInt8(ascii: "\"")
    static let apostrophe = UInt8(ascii: "'")

    /// Whether `byte` ends an unquoted value.
    private static func ends(_ byte: UInt8, toEndOfLine: Bool) -> Bool {
        if isLineBreak(byte) || byte == UInt8(ascii: "<") || byte == quote { return true }
        if toEndOfLine { return false }
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "&"), UInt8(ascii: ","), UInt8(ascii: ";"),
            apostrophe, UInt8(ascii: ">"), UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
            return true
        default:
            return false
        }
    }

    private static func isLineBreak(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    private static func skipBlanks(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") {
            index += 1
        }
        return index
    }

    /// Whether the lower-case ASCII `name` occurs at `index`, ignoring ASCII case.
    private static func matches(_ name: [UInt8], in bytes: [UInt8], at index: Int) -> Bool {
        guard index + name.count <= bytes.count else { return false }
        for offset in 0..<name.count {
            var byte = bytes[index + offset]
            if (65...90).contains(byte) { byte += 32 }
            if byte != name[offset] { return false }
        }
        return true
    }

    /// Replaces every occurrence of `secret` in `bytes` with `***`.
    static func replace(_ secret: [UInt8], in bytes: inout [UInt8]) {
        guard let first = secret.first, secret.count <= bytes.count else { return }
        var output: [UInt8] = []
        var index = 0
        var changed = false
        // Bounded: every pass advances by one byte or by the secret's length.
        while index < bytes.count {
            if bytes[index] == first, index + secret.count <= bytes.count,
                bytes[index..<(index + secret.count)].elementsEqual(secret)
            {
                if !changed {
                    output.reserveCapacity(bytes.count)
                    output += bytes[..<index]
                    changed = true
                }
                output += Array(replacement.utf8)
                index += secret.count
                continue
            }
            if changed { output.append(bytes[index]) }
            index += 1
        }
        if changed { bytes = output }
    }
}
