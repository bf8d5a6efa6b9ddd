import TextTrimming

/// The INI dialect of `~/.aws/credentials` and `~/.aws/config`, parsed into sections of lower-cased keys.
///
/// Rules (the SDKs' shared-file format, https://docs.aws.amazon.com/sdkref/latest/guide/file-format.html):
/// `#` and `;` start comment lines, and inline comments when preceded by whitespace; `key = value` or `key: value`,
/// spaces around the delimiter ignored; indented lines under a key with an empty value are sub-properties (kept as
/// `key.sub`); a repeated section adds to the earlier one, and a repeated key replaces the earlier value.
public struct SharedConfigFile: Sendable, Equatable {
    /// Section name (as written, trimmed) → key (lower case) → value.
    public var sections: [String: [String: String]]

    public init(sections: [String: [String: String]] = [:]) {
        self.sections = sections
    }

    /// Parses `text`; lines that fit no rule (a key without `=`, text before any section) are ignored.
    public init(parsing text: String) {
        var sections: [String: [String: String]] = [:]
        var current: String?
        var parentKey: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = String(rawLine.unicodeScalars.filter { $0 != "\r" })
            let trimmed = line.trimmingASCIIWhitespace()
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            let indented = line.first == " " || line.first == "\t"
            if trimmed.hasPrefix("[") && !indented {
                parentKey = nil
                guard let close = trimmed.firstIndex(of: "]") else {
                    current = nil
                    continue
                }
                let name = String(trimmed[trimmed.index(after: trimmed.startIndex)..<close]).trimmingASCIIWhitespace()
                current = name.isEmpty ? nil : name
                if let current { sections[current, default: [:]] = sections[current] ?? [:] }
                continue
            }
            guard let section = current, let (key, value) = Self.property(trimmed) else { continue }
            if indented, let parent = parentKey {
                sections[section, default: [:]]["\(parent).\(key)"] = value
                continue
            }
            sections[section, default: [:]][key] = value
            parentKey = value.isEmpty ? key : nil
        }
        self.sections = sections
    }

    /// `key = value` split at the first `=` or `:`, the key lower-cased, an inline comment removed from the value.
    static func property(_ line: String) -> (String, String)? {
        guard let delimiter = line.firstIndex(where: { $0 == "=" || $0 == ":" }) else { return nil }
        let key = String(line[..<delimiter]).trimmingASCIIWhitespace().lowercased()
        guard !key.isEmpty else { return nil }
        var value = Substring(line[line.index(after: delimiter)...])
        var previous: Character = " "
        for index in value.indices {
            let character = value[index]
            if (character == "#" || character == ";") && (previous == " " || previous == "\t") {
                value = value[..<index]
                break
            }
            previous = character
        }
        return (key, String(value).trimmingASCIIWhitespace())
    }
}
