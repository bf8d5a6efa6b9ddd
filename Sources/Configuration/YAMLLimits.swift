/// Bounds that keep reading a hostile YAML file fast and small.
///
/// libyaml parses in constant memory but has no limit of its own on alias expansion ("billion laughs") or
/// nesting, and a tree built naively from its events grows with every alias. These caps apply while the events
/// arrive, so reading stops as soon as one is crossed.
public struct YAMLLimits: Sendable, Equatable {
    /// Largest document accepted, in bytes (checked before parsing).
    public var maxBytes: Int
    /// Deepest nesting of lists and mappings.
    public var maxDepth: Int
    /// Most nodes, counting every alias as the full size of what it refers to.
    public var maxNodes: Int
    /// Most aliases (`*name`) in one document.
    public var maxAliases: Int

    public init(maxBytes: Int, maxDepth: Int, maxNodes: Int, maxAliases: Int) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.maxAliases = maxAliases
    }

    /// 1 MiB, 32 levels, 100,000 nodes and 1,000 aliases: far beyond any pipeline file, far below any harm.
    public static let standard = YAMLLimits(maxBytes: 1 << 20, maxDepth: 32, maxNodes: 100_000, maxAliases: 1_000)
}
