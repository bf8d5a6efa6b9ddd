import TextTrimming

/// Splits a path list given as one value: `CLOUDFRONT_PATHS`, the GitHub Action's and the GitLab component's
/// `paths` input.
///
/// A path may contain spaces (`/about us/café.html`), so splitting on whitespace is only safe when it cannot cut a
/// path in two. With a line break in the value, each line is one path (spaces kept). A one-line value is split at
/// commas and whitespace only when every piece then begins with `/` or `#` (a path or a cache tag); a value that would
/// split into other pieces is refused, because guessing would invalidate the wrong objects and leave the changed one
/// stale. A one-line value with nothing to split at is one path (a missing leading `/` is added later, with a notice).
public enum PathListValue {
    /// Characters shown of a refused value before it is cut short.
    static let shownCharacters = 200

    /// The paths of `value`, or a problem naming the value and the fix; `name` is the variable or input it came from.
    public static func split(_ value: String, name: String) -> Result<[String], ConfigurationError> {
        let scalars = value.unicodeScalars
        if scalars.contains(where: { $0 == "\n" || $0 == "\r" }) {
            let lines = value.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            return .success(lines.map { String($0).trimmingASCIIWhitespace() }.filter { !$0.isEmpty })
        }
        let pieces = value.split(omittingEmptySubsequences: true) { $0 == "," || $0 == " " || $0 == "\t" }
            .map(String.init)
        guard pieces.count > 1 else { return .success(pieces) }
        let stray = pieces.filter { !$0.hasPrefix("/") && !$0.hasPrefix("#") }
        guard stray.isEmpty else {
            return .failure(ConfigurationError([refusal(value, name: name, stray: stray)]))
        }
        return .success(pieces)
    }

    static func refusal(_ value: String, name: String, stray: [String]) -> ConfigurationError.Problem {
        let shown = value.count > shownCharacters ? String(value.prefix(shownCharacters)) + "…" : value
        let pieces = stray.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
        return ConfigurationError.Problem(
            location: name,
            message: "'\(shown)' is one line, and splitting it at commas and spaces gives pieces that are not paths "
                + "(\(pieces) do not begin with / or #), so it may be one path with a space in it; nothing was sent. "
                + "Put one path a line (in YAML, `paths: |` with each path on its own line), or begin every path "
                + "with /.")
    }
}
