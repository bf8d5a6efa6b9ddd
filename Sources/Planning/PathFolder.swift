/// Folds changed URL paths into at most N invalidation paths (at most 15 of them wildcards) that cover every change.
///
/// The search runs over ``FoldTrie``: choosing wildcards is a tree knapsack in which a wildcard at node `v` saves
/// `covered(v) − 1` paths and evicts `evicted(v)` unchanged objects. We need savings of at least `changed − N` with at
/// most `W` wildcards and want the fewest evictions. The budget on savings is handled with a Lagrange multiplier `λ`:
/// for a given `λ` one post-order pass finds, for each number of wildcards `j ≤ W`, the set maximising
/// `savings − λ·evictions` (O(nodes·W²) at worst, far less in practice because arrays are capped by subtree size);
/// a bisection on `λ` then finds the cheapest set that still saves enough. When the full listing is unknown, the
/// eviction count is replaced by a proxy that grows 16-fold per directory level a prefix gives up, so deeper
/// prefixes win (sixteen wildcards one level down cost as much as one wildcard a level up).
/// When the state space is small enough, ``ExactSearch`` replaces the Lagrangian search with an exact DP.
/// The result is then compared with the simple strategies (``FoldBaselines``) and the best is kept, so the fold is
/// never worse than them. A small depth tie-breaker makes equally cheap sets prefer deeper wildcards.
enum PathFolder {
    /// CloudFront's limit of wildcard paths in progress per distribution.
    static let wildcardLimit = 15

    /// Folds `input` into at most `maxPaths` paths and `maxWildcards` wildcards; nil when no set that small exists.
    ///
    /// `allowExact: false` forces the Lagrangian search even on small inputs (for tests).
    static func fold(
        _ input: FoldInput, maxPaths: Int, maxWildcards: Int = wildcardLimit, allowExact: Bool = true
    ) -> FoldOutcome? {
        let changedPaths = (0..<input.paths.count).filter { input.changed[$0] }
        if input.changedCount <= maxPaths {
            return FoldOutcome(
                paths: changedPaths.map { input.paths.string($0) }, evictedUnchanged: input.listingKnown ? 0 : nil,
                fellBackToRoot: false, method: "none")
        }
        let wildcards = min(maxWildcards, maxPaths)
        var candidates: [Candidate] = []
        if wildcards > 0 {
            let search = LagrangeSearch(input: input, maxPaths: maxPaths, maxWildcards: wildcards)
            let exact = ExactSearch(search: search)
            if allowExact, exact.isAffordable {
                if let chosen = exact.run() { candidates.append(chosen) }
            } else if let chosen = search.run() {
                candidates.append(chosen)
            }
        }
        candidates += FoldBaselines.candidates(input, maxPaths: maxPaths, maxWildcards: wildcards)
        // Without a listing, compare by the same depth proxy the search minimises, on one common scale.
        let depths = candidates.map {
            $0.wildcards.map { LagrangeSearch.proxyDepth(input.paths, index: $0.first, cut: $0.cut) }
        }
        let deepest = depths.joined().max() ?? 0
        for index in candidates.indices {
            candidates[index].proxyCost = depths[index].reduce(0) { $0 + LagrangeSearch.proxyBase(deepest - $1) }
        }
        guard let best = candidates.min(by: { $0.isBetter(than: $1, listingKnown: input.listingKnown) }) else {
            return nil
        }
        let paths = best.paths(in: input)
        return FoldOutcome(
            paths: paths, evictedUnchanged: input.listingKnown ? best.evicted : nil,
            fellBackToRoot: paths.contains("/*"), method: best.method)
    }

    /// One candidate fold: its wildcards as (path index, prefix length, excludes the terminal) and its costs.
    struct Candidate: Sendable {
        struct Wildcard: Sendable {
            var first: Int
            var last: Int
            var cut: Int
            var excludesTerminal: Bool
        }
        var wildcards: [Wildcard]
        var evicted: Int
        var depthPenalty: Int
        var itemCount: Int
        var method: String
        /// Without a listing: the depth proxy of the wildcards (see ``LagrangeSearch/proxyBase(_:)``).
        var proxyCost = 0.0

        /// Known listing: fewer evictions, then deeper, then fewer paths; unknown: lower depth proxy, then fewer paths.
        func isBetter(than other: Candidate, listingKnown: Bool) -> Bool {
            if listingKnown {
                if evicted != other.evicted { return evicted < other.evicted }
                if depthPenalty != other.depthPenalty { return depthPenalty < other.depthPenalty }
            } else if proxyCost != other.proxyCost {
                return proxyCost < other.proxyCost
            }
            return itemCount < other.itemCount
        }

        /// The sorted paths to send: each wildcard, and every changed path no wildcard covers.
        func paths(in input: FoldInput) -> [String] {
            var covered = [Bool](repeating: false, count: input.paths.count)
            var result: [String] = []
            for wildcard in wildcards {
                result.append(input.paths.prefix(of: wildcard.first, length: wildcard.cut) + "*")
                let start = wildcard.excludesTerminal ? wildcard.first + 1 : wildcard.first
                if start <= wildcard.last {
                    for index in start...wildcard.last { covered[index] = true }
                }
            }
            for index in 0..<input.paths.count where input.changed[index] && !covered[index] {
                result.append(input.paths.string(index))
            }
            return result.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        }
    }
}
