/// A position in a YAML document, 1-based, as people and editors count lines and columns.
public struct YAMLMark: Sendable, Equatable, Hashable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// One value of a YAML document with the place it starts, so every diagnostic can say `file:line:column`.
///
/// Scalars keep their text (no type guessing: the schema decides what a value must be) and whether they were
/// written plain, because only a plain `null`, `~` or nothing at all means "no value".
public struct YAMLNode: Sendable, Equatable {
    /// One `key: value` pair of a mapping; keys are always text.
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var keyMark: YAMLMark
        public var value: YAMLNode

        public init(key: String, keyMark: YAMLMark, value: YAMLNode) {
            self.key = key
            self.keyMark = keyMark
            self.value = value
        }
    }

    /// The three shapes a YAML value can take.
    public enum Kind: Sendable, Equatable {
        case scalar(String, plain: Bool)
        case sequence([YAMLNode])
        case mapping([Entry])
    }

    public var kind: Kind
    public var mark: YAMLMark
    /// Nodes in this subtree, itself included; an alias counts its whole anchor again (that is what it costs).
    public var size: Int

    public init(kind: Kind, mark: YAMLMark, size: Int = 1) {
        self.kind = kind
        self.mark = mark
        self.size = size
    }

    /// True for a plain `null`, `Null`, `NULL`, `~` or an empty plain value (`key:` with nothing after it).
    public var isNull: Bool {
        guard case .scalar(let text, plain: true) = kind else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(text)
    }

    /// What this node is, for "expected a list, found a mapping" messages.
    public var shapeName: String {
        switch kind {
        case .scalar: isNull ? "nothing" : "a single value"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }
}
