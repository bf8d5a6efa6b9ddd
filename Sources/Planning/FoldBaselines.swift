/// The simple folds a person would try, kept as candidates so the optimised fold is never worse than them.
///
/// - Root: `/*` (plus `/` itself when it changed, since `/*` does not cover `/`).
/// - Directories at depth k (k = 1, 2, …): every changed path below `/a/…/k/` is replaced by the wildcard
///   `/a/…/k/*`; paths no deeper stay as they are. The deepest k that fits is the usual hand-made fold.
enum FoldBaselines {
    /// Every baseline that fits within `maxPaths` paths and `maxWildcards` wildcards.
    static func candidates(_ input: FoldInput, maxPaths: Int, maxWildcards: Int) -> [PathFolder.Candidate] {
        var result: [PathFolder.Candidate] = []
        let scale = longest(input) + 1
        var segments = 1
        while let candidate = directories(input, segments: segments, scale: scale) {
            if candidate.itemCount > maxPaths { break }
            if candidate.wildcards.count <= maxWildcards { result.append(candidate) }
            segments += 1
        }
        if let root = root(input, scale: scale), root.itemCount <= maxPaths, maxWildcards >= 1 {
            result.append(root)
        }
        return result
    }

    /// `/*`, plus `/` when it changed.
    static func root(_ input: FoldInput, scale: Int) -> PathFolder.Candidate? {
        guard input.paths.count > 0, input.paths[0].first == UInt8(ascii: "/") else { return nil }
        let slashIsPath = input.paths.length(0) == 1
        let last = input.paths.count - 1
        var evicted = input.changed.count { !$0 }
        if slashIsPath, !input.changed[0] { evicted -= 1 }
        let slashChanged = slashIsPath && input.changed[0]
        return PathFolder.Candidate(
            wildcards: [.init(first: 0, last: last, cut: 1, excludesTerminal: slashIsPath)], evicted: evicted,
            depthPenalty: scale - 1, itemCount: slashChanged ? 2 : 1, method: "root")
    }

    /// Directory wildcards `segments` levels deep; nil once no changed path is that deep.
    static func directories(_ input: FoldInput, segments: Int, scale: Int) -> PathFolder.Candidate? {
        var wildcards: [PathFolder.Candidate.Wildcard] = []
        var evicted = 0
        var depthPenalty = 0
        var items = 0
        var anyDeep = false
        var index = 0
        let count = input.paths.count
        while index < count {
            guard let cut = directoryCut(input.paths[index], segments: segments) else {
                if input.changed[index] { items += 1 }
                index += 1
                continue
            }
            // The group: this path and the following ones sharing the same directory prefix.
            let prefix = input.paths[index].prefix(cut)
            var end = index + 1
            while end < count, input.paths[end].starts(with: prefix) { end += 1 }
            let changedInGroup = (index..<end).count { input.changed[$0] }
            if changedInGroup >= 2 {
                anyDeep = true
                wildcards.append(.init(first: index, last: end - 1, cut: cut, excludesTerminal: false))
                evicted += (end - index) - changedInGroup
                depthPenalty += scale - cut
                items += 1
            } else {
                if changedInGroup == 1 { anyDeep = true }
                items += changedInGroup
            }
            index = end
        }
        guard anyDeep else { return nil }
        return PathFolder.Candidate(
            wildcards: wildcards, evicted: evicted, depthPenalty: depthPenalty, itemCount: items,
            method: "directories")
    }

    /// Length of `/seg1/…/segN/` when `path` is strictly longer than it, else nil.
    static func directoryCut(_ path: ArraySlice<UInt8>, segments: Int) -> Int? {
        var slashes = 0
        var offset = 0
        for byte in path {
            offset += 1
            if byte == UInt8(ascii: "/") {
                slashes += 1
                if slashes == segments + 1 { return offset < path.count ? offset : nil }
            }
        }
        return nil
    }

    /// Length of the longest path.
    static func longest(_ input: FoldInput) -> Int {
        (0..<input.paths.count).reduce(0) { max($0, input.paths.length($1)) }
    }
}
