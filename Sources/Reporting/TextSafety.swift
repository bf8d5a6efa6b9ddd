/// Neutralises user-controlled text (paths, error messages, IDs echoed by a server) before it reaches a log or a CI
/// file, so it can neither forge a CI command nor move the cursor.
enum TextSafety {
    /// The lines of `text` (split at `\n`, `\r\n` and `\r`) with every other control character shown as `\xHH`.
    ///
    /// Escape (`\u{1B}`) could forge a GitLab section marker or recolour a terminal; a lone `\r` would let a line
    /// overwrite the one before it on a terminal and in GitLab's log view.
    static func visibleLines(_ text: String) -> [String] {
        var lines: [String] = []
        var current = ""
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                if !previousWasCR { lines.append(current) }
                current = ""
                previousWasCR = false
                continue
            }
            previousWasCR = scalar == "\r"
            if previousWasCR {
                lines.append(current)
                current = ""
                continue
            }
            if isControl(scalar) {
                current += "\\x" + hex(scalar.value)
            } else {
                current.unicodeScalars.append(scalar)
            }
        }
        lines.append(current)
        return lines
    }

    /// `text` as one line: line breaks become spaces and other control characters `\xHH`.
    static func visibleLine(_ text: String) -> String {
        visibleLines(text).joined(separator: " ")
    }

    /// Control characters other than tab: C0, DEL and C1.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return digits.count < 2 ? "0" + digits : digits
    }

    // MARK: GitHub Actions workflow commands
    // https://docs.github.com/actions/reference/workflow-commands-for-github-actions and the runner's
    // ActionCommand.cs: data unescapes %25, %0D, %0A; properties also %3A and %2C.

    /// A command's message (after the second `::`): `%`, `\r` and `\n` percent-encoded, so it stays one line.
    static func githubData(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A command property value (`title=…`): as data, plus `:` and `,`, which would end the property list.
    static func githubProperty(_ text: String) -> String {
        var out = ""
        for character in githubData(text) {
            switch character {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.append(character)
            }
        }
        return out
    }

    /// Zero-width space: not whitespace to .NET's `TrimStart`, invisible when read.
    static let zeroWidthSpace = "\u{200B}"

    /// A log line that is not meant as a command, made unable to be one.
    ///
    /// The runner treats a line as a command when, after leading whitespace, it starts with `::` (current syntax) or
    /// when it contains `##[` anywhere (the legacy syntax, still parsed). A zero-width space before the `::` and
    /// inside each `##[` keeps the text readable and inert.
    static func githubInert(_ line: String) -> String {
        var text = line.replacing("##[", with: "##" + zeroWidthSpace + "[")
        let leading = text.prefix { $0 == " " || $0 == "\t" }
        if text.dropFirst(leading.count).hasPrefix("::") {
            text = String(leading) + zeroWidthSpace + text.dropFirst(leading.count)
        }
        return text
    }

    // MARK: Markdown (GitHub step summary)

    /// A Markdown table cell: one line, every Markdown-significant ASCII punctuation backslash-escaped (CommonMark
    /// allows escaping any ASCII punctuation), so a path can neither end the cell nor add a link or HTML.
    static func markdownCell(_ text: String) -> String {
        let special: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "&", "~", "!", "#"]
        var out = ""
        for character in visibleLine(text) {
            if special.contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
