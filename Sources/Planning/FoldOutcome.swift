/// What folding produced: the paths to send and what they cost in evicted objects.
public struct FoldOutcome: Sendable, Equatable {
    /// The paths to send, sorted: files and wildcards (`P*`), together covering every changed path.
    public var paths: [String]
    /// Unchanged objects the wildcards evict; nil when the full listing is not known.
    public var evictedUnchanged: Int?
    /// Whether the fold had to use `/*`.
    public var fellBackToRoot: Bool
    /// Which method produced the paths: `none` (no folding needed), `optimised`, `directories`, `root`.
    public var method: String

    /// The wildcard paths among `paths`.
    public var wildcards: [String] { paths.filter { $0.hasSuffix("*") } }
}
