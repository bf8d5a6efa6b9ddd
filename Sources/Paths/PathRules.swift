/// CloudFront's rules for one invalidation item: checks it and turns it into exactly what will be sent.
///
/// Rules (CloudFront Developer Guide, "What you need to know when invalidating paths" and "… invalidating tags"):
/// paths start with `/` (added with a notice when missing, as the console does), `*` may only be the last
/// character, at most 4,000 characters, no control characters, non-ASCII and RFC 1738 unsafe characters
/// percent-encoded (see ``PercentEncoder``). Items starting with `#` are cache tags: sent as given, never encoded,
/// no `*`, only visible ASCII (33–126) other than `,`, at most 256 characters after the `#`.
public enum PathRules {
    /// CloudFront's longest accepted path, in characters, counted after encoding.
    public static let maximumPathLength = 4_000
    /// CloudFront's longest cache tag, in characters, not counting the leading `#`.
    public static let maximumTagLength = 256

    /// Checks one raw input and returns the item to send with notices, or the reason it cannot be sent.
    ///
    /// With `encode: false` (`--no-encode`) a path is sent verbatim apart from trimming and the leading `/`;
    /// it is still checked for control characters, the wildcard position and length.
    public static func normalize(_ raw: String, encode: Bool = true) -> Result<NormalizedPath, PathError> {
        let input = raw.trimmingSurroundingWhitespace()
        let shown = printable(input)
        guard !input.isEmpty else {
            return .failure(
                PathError(
                    input: shown, problem: "The path is empty.",
                    fix: "Remove the empty item, or give a path that starts with '/', such as '/index.html'."))
        }
        let isTag = input.unicodeScalars.first == "#"
        if let (position, scalar) = firstControlCharacter(in: input) {
            return .failure(
                PathError(
                    input: shown,
                    problem: "The \(isTag ? "cache tag" : "path") contains the control character "
                        + "\(codePoint(scalar)) at character \(position); CloudFront does not accept control characters.",
                    fix: "Remove it (a tab, or a carriage return from a file saved with Windows line endings, is the "
                        + "usual cause), or write it percent-encoded (for example '%09') if it is really part of the "
                        + "object's name."))
        }
        if isTag {
            return normalizeTag(input)
        }
        // Checked on Unicode scalars: a `*` followed by a combining mark is one grapheme but still a `*` to CloudFront.
        let scalars = Array(input.unicodeScalars)
        if let star = scalars.firstIndex(of: "*"), star != scalars.count - 1 {
            var prefix = String(String.UnicodeScalarView(scalars[...star]))
            if scalars.first != "/" { prefix = "/" + prefix }
            return .failure(
                PathError(
                    input: shown,
                    problem: "The wildcard '*' is at character \(star + 1) of \(scalars.count); CloudFront "
                        + "accepts '*' only as the last character of a path.",
                    fix: "End the path at the wildcard ('\(printable(prefix))') to invalidate everything that starts "
                        + "with that prefix, or list the files one by one."))
        }
        if !encode, let (position, scalar) = firstXMLForbidden(in: scalars) {
            return .failure(
                PathError(
                    input: shown,
                    problem: "The path contains \(codePoint(scalar)) at character \(position), a noncharacter that "
                        + "XML (and so CloudFront's API) cannot carry at all.",
                    fix: "Remove it, or drop --no-encode (encode: false) so it is sent percent-encoded."))
        }
        var notices: [String] = []
        var path = input
        if scalars.first != "/" {
            path = "/" + path
            notices.append("Added a leading '/' to '\(input)': CloudFront paths start at the root ('\(path)').")
        }
        if encode {
            let encoded = PercentEncoder.encode(path)
            if encoded != path {
                notices.append(
                    "Percent-encoded '\(path)' as '\(encoded)': CloudFront matches non-ASCII and unsafe characters "
                        + "only in encoded form (use --no-encode to send paths verbatim).")
            }
            path = encoded
        }
        let length = path.unicodeScalars.count
        guard length <= maximumPathLength else {
            return .failure(
                PathError(
                    input: String(shown.prefix(80)) + "…",
                    problem:
                        "The path is \(grouped(length)) characters long\(encode ? " after percent-encoding" : ""); "
                        + "CloudFront accepts at most \(grouped(maximumPathLength)).",
                    fix: "Invalidate a shorter prefix ending in '*' instead (for example '/long/directory/*')."))
        }
        return .success(NormalizedPath(path: InvalidationPath(normalized: path), notices: notices))
    }

    /// Checks a `#tag` item; tags are sent exactly as given.
    static func normalizeTag(_ input: String) -> Result<NormalizedPath, PathError> {
        let tag = input.unicodeScalars.dropFirst()
        guard !tag.isEmpty else {
            return .failure(
                PathError(
                    input: input, problem: "The cache tag is empty: nothing follows '#'.",
                    fix: "Write the tag right after '#' (for example '#product-123'); in a paths file, a line that "
                        + "starts with '# ' (hash and space) is a comment."))
        }
        if tag.contains("*") {
            return .failure(
                PathError(
                    input: input,
                    problem: "The cache tag '\(input)' contains '*'; CloudFront matches tags exactly and does not "
                        + "accept wildcards in them.",
                    fix: "List each tag separately, or invalidate by path with a wildcard such as '/products/*'."))
        }
        for (offset, scalar) in tag.enumerated() where !(33...126).contains(scalar.value) || scalar == "," {
            let what = scalar == " " ? "a space" : scalar == "," ? "a comma" : "'\(scalar)' (\(codePoint(scalar)))"
            return .failure(
                PathError(
                    input: input,
                    problem: "The cache tag '\(input)' contains \(what) at character \(offset + 2); CloudFront tags "
                        + "may contain only visible ASCII characters other than ','.",
                    fix: "Remove that character; to give several tags, pass each as its own '#tag' item."))
        }
        guard tag.count <= maximumTagLength else {
            return .failure(
                PathError(
                    input: String(input.prefix(80)) + "…",
                    problem: "The cache tag is \(grouped(tag.count)) characters long; CloudFront accepts at most "
                        + "\(maximumTagLength).",
                    fix: "Use the shorter tag your origin sends in its cache-tag header."))
        }
        return .success(NormalizedPath(path: InvalidationPath(normalized: input)))
    }

    /// The 1-based scalar position and scalar of the first C0 control character or DEL, if any.
    static func firstControlCharacter(in text: String) -> (Int, Unicode.Scalar)? {
        for (offset, scalar) in text.unicodeScalars.enumerated() where isControl(scalar) {
            return (offset + 1, scalar)
        }
        return nil
    }

    /// The 1-based position and scalar of the first character XML 1.0 forbids outright that is not a control
    /// character (U+FFFE, U+FFFF): XMLWriter would have to drop it, changing the path silently.
    static func firstXMLForbidden(in scalars: [Unicode.Scalar]) -> (Int, Unicode.Scalar)? {
        for (offset, scalar) in scalars.enumerated() where scalar.value == 0xFFFE || scalar.value == 0xFFFF {
            return (offset + 1, scalar)
        }
        return nil
    }

    /// U+0000–U+001F and U+007F, the characters CloudFront refuses in paths.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7F
    }

    /// `text` with control characters replaced by `\u{…}`, so it can be printed without corrupting a log.
    public static func printable(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `U+0009` style name of a scalar.
    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// `4000` as `4,000`, without Foundation's formatters.
    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number))
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }
}
