/// Builds the node tree from parser events, enforcing ``YAMLLimits`` and YAML's rule that keys are unique.
///
/// `<<` merge keys (YAML 1.1, common in CI files) are honoured: the merged mapping's entries are added where the
/// mapping does not set the key itself.
struct YAMLTreeBuilder {
    /// A list or mapping whose end has not been seen yet.
    private struct Open {
        var isMapping: Bool
        var mark: YAMLMark
        var anchor: String?
        var items: [YAMLNode] = []
    }

    let limits: YAMLLimits
    private(set) var root: YAMLNode?
    private var stack: [Open] = []
    private var anchors: [String: YAMLNode] = [:]
    private var nodeCount = 0
    private var aliasCount = 0
    private var documents = 0

    init(limits: YAMLLimits) {
        self.limits = limits
    }

    /// Takes one event; true when the stream has ended.
    mutating func consume(_ event: Event) throws(YAMLError) -> Bool {
        switch event {
        case .documentStart(let mark):
            documents += 1
            if documents > 1 {
                throw YAMLError(
                    mark: mark,
                    message: "the file holds more than one YAML document (a second '---'); keep the settings in one.")
            }
        case .scalar(let text, let plain, let anchor, let mark):
            try count(1, at: mark)
            try add(YAMLNode(kind: .scalar(text, plain: plain), mark: mark), anchor: anchor)
        case .alias(let name, let mark):
            aliasCount += 1
            if aliasCount > limits.maxAliases {
                throw YAMLError(
                    mark: mark, message: "the file uses more than \(limits.maxAliases) aliases; write the values out.")
            }
            guard var node = anchors[name] else {
                throw YAMLError(
                    mark: mark, message: "the alias *\(name) refers to no anchor &\(name) defined before it.")
            }
            try count(node.size, at: mark)
            node.mark = mark
            try add(node, anchor: nil)
        case .sequenceStart(let anchor, let mark), .mappingStart(let anchor, let mark):
            try count(1, at: mark)
            if stack.count >= limits.maxDepth {
                throw YAMLError(
                    mark: mark,
                    message: "the values are nested more than \(limits.maxDepth) levels deep; a pipeline file needs "
                        + "only a few.")
            }
            let isMapping = if case .mappingStart = event { true } else { false }
            stack.append(Open(isMapping: isMapping, mark: mark, anchor: anchor))
        case .collectionEnd:
            guard let open = stack.popLast() else { break }
            let size = 1 + open.items.reduce(0) { $0 + $1.size }
            let kind: YAMLNode.Kind =
                open.isMapping ? .mapping(try Self.entries(open.items)) : .sequence(open.items)
            try add(YAMLNode(kind: kind, mark: open.mark, size: size), anchor: open.anchor)
        case .streamEnd:
            return true
        case .other:
            break
        }
        return false
    }

    /// Counts `added` nodes against the limit.
    private mutating func count(_ added: Int, at mark: YAMLMark) throws(YAMLError) {
        nodeCount += added
        if nodeCount > limits.maxNodes {
            throw YAMLError(
                mark: mark,
                message: "the file expands to more than \(limits.maxNodes) values (aliases count at their full "
                    + "size); this looks like an alias bomb, and a pipeline file needs far fewer.")
        }
    }

    /// Appends a finished node to the open collection, or makes it the root.
    private mutating func add(_ node: YAMLNode, anchor: String?) throws(YAMLError) {
        if let anchor { anchors[anchor] = node }
        if stack.isEmpty {
            root = node
        } else {
            stack[stack.count - 1].items.append(node)
        }
    }

    /// Pairs a mapping's alternating keys and values, refusing non-text and repeated keys, applying `<<` merges.
    private static func entries(_ items: [YAMLNode]) throws(YAMLError) -> [YAMLNode.Entry] {
        var entries: [YAMLNode.Entry] = []
        var merged: [YAMLNode.Entry] = []
        var seen: [String: YAMLMark] = [:]
        for index in stride(from: 0, to: items.count - 1, by: 2) {
            let keyNode = items[index]
            let value = items[index + 1]
            guard case .scalar(let key, let plain) = keyNode.kind else {
                throw YAMLError(
                    mark: keyNode.mark, message: "a key must be plain text, not \(keyNode.shapeName).")
            }
            if key == "<<" && plain {
                merged += try mergeSource(value)
                continue
            }
            if let first = seen[key] {
                throw YAMLError(
                    mark: keyNode.mark,
                    message: "the key '\(key)' appears twice in this mapping (first at line \(first.line), column "
                        + "\(first.column)); remove one of them.")
            }
            seen[key] = keyNode.mark
            entries.append(YAMLNode.Entry(key: key, keyMark: keyNode.mark, value: value))
        }
        for entry in merged where seen[entry.key] == nil {
            seen[entry.key] = entry.keyMark
            entries.append(entry)
        }
        return entries
    }

    /// The entries a `<<` value brings: one mapping, or a list of mappings (earlier ones win).
    private static func mergeSource(_ value: YAMLNode) throws(YAMLError) -> [YAMLNode.Entry] {
        let sources: [YAMLNode] =
            if case .sequence(let items) = value.kind { items } else { [value] }
        var result: [YAMLNode.Entry] = []
        var keys: Set<String> = []
        for source in sources {
            guard case .mapping(let entries) = source.kind else {
                throw YAMLError(
                    mark: source.mark,
                    message: "'<<' merges a mapping (or a list of mappings), not \(source.shapeName); write "
                        + "'<<: *anchor' where &anchor names a mapping.")
            }
            for entry in entries where keys.insert(entry.key).inserted { result.append(entry) }
        }
        return result
    }
}
