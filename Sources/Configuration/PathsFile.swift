/// Reads a paths file: one path a line.
///
/// Blank lines are skipped. A line that is `#` alone or starts with `# ` (hash, space) is a comment; `#tag` with no
/// space is a cache tag and is kept. Surrounding whitespace is trimmed, so a path cannot end in a space (encode it
/// as `%20`). Lines end at `\n`, `\r\n` or `\r`.
///
/// Works on UTF-8 bytes, not on `Character`s: a million-line file is split in a fraction of a second, where grapheme
/// breaking took seconds (bench/README-fold.md). Every byte split on or trimmed is ASCII, so UTF-8 sequences stay
/// whole.
public enum PathsFile {
    public static func parse(_ text: String) -> [String] {
        var lines: [String] = []
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            var index = 0
            // Bounded: every pass moves `index` forward.
            while index <= bytes.count {
                guard index == bytes.count || bytes[index] == UInt8(ascii: "\n") || bytes[index] == UInt8(ascii: "\r")
                else {
                    index += 1
                    continue
                }
                if let line = line(bytes[start..<index]) { lines.append(line) }
                index += 1
                start = index
            }
        }
        return lines
    }

    /// The trimmed line, or nil when it is blank or a comment.
    static func line(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String? {
        let isBlank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) })
        else { return nil }
        let trimmed = bytes[first...last]
        if trimmed.first == UInt8(ascii: "#") {
            if trimmed.count == 1 { return nil }
            let second = trimmed[trimmed.index(after: trimmed.startIndex)]
            if second == UInt8(ascii: " ") || second == UInt8(ascii: "\t") { return nil }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: trimmed), as: UTF8.self)
    }
}
