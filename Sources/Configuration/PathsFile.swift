/// Reads a paths file: one path a line.
///
/// Blank lines are skipped. A line that is `#` alone or starts with `# ` (hash, space) is a comment; `#tag` with no
/// space is a cache tag and is kept. Surrounding whitespace is trimmed, so a path cannot end in a space (encode it
/// as `%20`).
public enum PathsFile {
    public static func parse(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map { String($0).trimmingWhitespace() }
            .filter { line in !line.isEmpty && line != "#" && !line.hasPrefix("# ") && !line.hasPrefix("#\t") }
    }
}
