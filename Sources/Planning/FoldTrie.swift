/// The places a wildcard could go, as a compressed trie over the sorted paths, listed in post-order.
///
/// Only trie nodes with at least two changed paths below them are kept: a wildcard over a single changed path saves
/// nothing. Each node records the depth (prefix length) where its branch starts and ends, its range of paths, and how
/// many changed and unchanged paths it holds. Built in one pass over the longest common prefixes of neighbouring
/// paths, the way suffix trees are built from suffix arrays.
struct FoldTrie: Sendable {
    /// One node: the paths `first...last` share their first `depth` bytes, and branch right after them.
    struct Node: Sendable {
        /// Length of the shared prefix (the node's label).
        var depth: Int32
        /// Depth of the parent node; any wildcard prefix longer than this and shorter than `depth` covers the same paths.
        var parentDepth: Int32
        /// Range of path indices in the subtree.
        var first: Int32
        var last: Int32
        /// Changed and unchanged paths in the subtree, the label itself included.
        var changed: Int32
        var unchanged: Int32
        /// Whether the label itself is a changed (bit 0) or unchanged (bit 1) path.
        var terminal: UInt8
        /// Number of kept child nodes, and of kept nodes in this subtree (itself included).
        var childCount: Int32
        var size: Int32
    }

    /// Kept nodes in post-order; the last one is the root (depth 0), kept even when it holds fewer changes.
    private(set) var nodes: [Node] = []

    /// Builds the trie of `input`.
    init(_ input: FoldInput) {
        let paths = input.paths
        let count = paths.count
        var stack: [Node] = [Node.open(depth: 0, first: 0)]
        stack.reserveCapacity(64)
        paths.bytes.withUnsafeBufferPointer { bytes in
            paths.starts.withUnsafeBufferPointer { starts in
                for index in 0..<count {
                    let start = starts[index]
                    let length = starts[index + 1] - start
                    var common = 0
                    if index > 0 {
                        let previous = starts[index - 1]
                        let limit = min(length, start - previous)
                        while common < limit, bytes[previous + common] == bytes[start + common] { common += 1 }
                    }
                    close(deeperThan: common, lastIndex: index - 1, stack: &stack)
                    var leaf = Node.open(depth: Int32(length), first: Int32(index))
                    if input.changed[index] {
                        leaf.changed = 1
                        leaf.terminal = 1
                    } else {
                        leaf.unchanged = 1
                        leaf.terminal = 2
                    }
                    stack.append(leaf)
                }
            }
        }
        close(deeperThan: 0, lastIndex: count - 1, stack: &stack)
        var root = stack[0]
        root.last = Int32(max(0, count - 1))
        root.parentDepth = 0
        root.size += 1
        nodes.append(root)
    }

    /// Pops every open node deeper than `depth`, attaching each to its parent (creating the branch node at `depth`).
    private mutating func close(deeperThan depth: Int, lastIndex: Int, stack: inout [Node]) {
        let depth = Int32(depth)
        while let top = stack.last, top.depth > depth {
            var node = stack.removeLast()
            node.last = Int32(lastIndex)
            let below = stack[stack.count - 1].depth
            node.parentDepth = max(below, depth)
            if below < depth {
                stack.append(Node.open(depth: depth, first: node.first))
            }
            let kept = node.changed >= 2
            if kept {
                node.size += 1
                nodes.append(node)
            }
            var parent = stack[stack.count - 1]
            parent.changed += node.changed
            parent.unchanged += node.unchanged
            if kept {
                parent.childCount += 1
                parent.size += node.size
            }
            stack[stack.count - 1] = parent
        }
    }
}

extension FoldTrie.Node {
    /// A fresh node with no paths counted yet.
    static func open(depth: Int32, first: Int32) -> Self {
        Self(
            depth: depth, parentDepth: 0, first: first, last: first, changed: 0, unchanged: 0, terminal: 0,
            childCount: 0, size: 0)
    }
}
