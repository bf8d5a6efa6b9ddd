/// One checked item of an invalidation batch: a file path, a wildcard path or a cache tag, exactly as it will be sent.
///
/// Values come from ``PathRules/normalize(_:encode:)`` (or ``init(normalized:)`` for strings that are already
/// normalised); the kind is read from the value itself, so it can never disagree with what CloudFront will see.
public struct InvalidationPath: Sendable, Hashable, CustomStringConvertible {
    /// What CloudFront does with an item, and which in-progress limit it counts against.
    public enum Kind: Sendable, Hashable {
        /// One object (counts against the 3,000 file paths in progress).
        case file
        /// A path ending in `*` (counts against the 15 wildcard paths in progress).
        case wildcard
        /// A `#tag` cache tag; CloudFront documents no separate limit, so it is counted with the file paths.
        case tag
    }

    /// The string sent in `<Path>`.
    public let value: String

    /// Wraps a string that is already normalised (starts with `/` or `#`, encoded as wanted); no checks are made.
    public init(normalized value: String) {
        self.value = value
    }

    /// `#tag` items are tags, paths ending in `*` are wildcards, anything else is one file.
    public var kind: Kind {
        // Bytes, not graphemes: `String.hasSuffix("*")` is false for a `*` followed by a combining mark.
        if value.utf8.first == UInt8(ascii: "#") { return .tag }
        if value.utf8.last == UInt8(ascii: "*") { return .wildcard }
        return .file
    }

    public var description: String { value }

    /// Whether invalidating `self` already invalidates everything `other` names.
    ///
    /// A wildcard `P*` covers a file path that starts with `P` and is longer than `P`, and a wildcard `Q*` when `Q`
    /// starts with `P`. The file `P` itself is *not* treated as covered: CloudFront documents that `/dir/*` does not
    /// invalidate `/dir/`, so we read `*` as "one or more characters" and keep such paths (costing at most one extra
    /// path, never a missed object). Tags are never covered by paths (`/*` does not cover `#tag`), nor cover anything.
    public func covers(_ other: InvalidationPath) -> Bool {
        guard kind == .wildcard, other.kind != .tag else { return false }
        let base = value.utf8.dropLast()
        switch other.kind {
        case .wildcard:
            let otherBase = other.value.utf8.dropLast()
            return otherBase.starts(with: base)
        case .file:
            return other.value.utf8.count > base.count && other.value.utf8.starts(with: base)
        case .tag:
            return false
        }
    }
}
