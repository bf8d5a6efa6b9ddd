import ChangeLists

/// Where a wildcard can go in one trie node, what it covers and what it costs.
///
/// `P*` covers paths that start with `P` and are longer than `P` (CloudFront documents that `/dir/*` does not
/// invalidate `/dir/`, so we never count on `P*` matching `P`). So a node with label `L` offers two wildcards:
/// `L*` (exclusive: misses `L` itself when `L` is a changed path) and, when the branch above the node is long
/// enough, `L'*` for a shorter `L'` (inclusive: covers the whole subtree, and the same unchanged objects).
/// A prefix may not end inside a `%XX` escape, or the wildcard would be re-encoded into something else.
struct WildcardOption: Sendable, Equatable {
    /// Length of the prefix before `*`.
    var cut: Int
    /// Changed paths covered.
    var covered: Int
    /// Unchanged paths evicted.
    var evicted: Int
    /// Whether the node's own label (a changed path) is left uncovered.
    var excludesTerminal: Bool

    /// The exclusive and inclusive options of `node`, best (deepest) first, skipping those that save nothing.
    static func options(for node: FoldTrie.Node, paths: ByteStrings) -> [WildcardOption] {
        guard node.depth > 0 else { return [] }
        var result: [WildcardOption] = []
        let first = Int(node.first)
        let terminalChanged = node.terminal & 1 != 0
        let terminalUnchanged = node.terminal & 2 != 0
        let depth = Int(node.depth)
        if isValidCut(depth, in: paths, index: first) {
            let covered = Int(node.changed) - (terminalChanged ? 1 : 0)
            if covered >= 2 {
                result.append(
                    WildcardOption(
                        cut: depth, covered: covered, evicted: Int(node.unchanged) - (terminalUnchanged ? 1 : 0),
                        excludesTerminal: terminalChanged))
            }
        }
        var cut = depth - 1
        while cut > Int(node.parentDepth), cut >= 1, !isValidCut(cut, in: paths, index: first) { cut -= 1 }
        if cut > Int(node.parentDepth), cut >= 1 {
            result.append(
                WildcardOption(
                    cut: cut, covered: Int(node.changed), evicted: Int(node.unchanged), excludesTerminal: false))
        }
        return result
    }

    /// Whether a wildcard may follow the first `cut` bytes of path `index`: not inside a `%XX` escape.
    static func isValidCut(_ cut: Int, in paths: ByteStrings, index: Int) -> Bool {
        let start = paths.starts[index]
        let percent = UInt8(ascii: "%")
        if cut >= 1, paths.bytes[start + cut - 1] == percent { return false }
        if cut >= 2, paths.bytes[start + cut - 2] == percent { return false }
        return true
    }
}
