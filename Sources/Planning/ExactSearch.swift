/// The exact fold for inputs small enough: a tree DP over (wildcards used, changed paths left uncovered).
///
/// ``LagrangeSearch`` finds the cheapest fold on the convex hull of (savings, evictions), which can miss the true
/// optimum by a few objects. When the state space is small (`Σ states² ≤` ``workLimit``), this DP computes the exact
/// minimum: for each node, the least cost for every `j ≤ W` wildcards and `u ≤ N − j` uncovered changed paths.
struct ExactSearch {
    /// Upper bound on the estimated work (state pairs examined) before the exact search is skipped.
    static let workLimit = 40_000_000

    let search: LagrangeSearch

    /// Per-node table sizes: wildcards 0…J and uncovered 0…U.
    private func dimensions(_ node: FoldTrie.Node) -> (Int, Int) {
        let wildcards = node.depth == 0 ? search.maxWildcards : min(search.maxWildcards, Int(node.changed) / 2)
        return (wildcards, min(search.maxPaths, Int(node.changed)))
    }

    /// Whether the exact search fits the work limit for this input.
    var isAffordable: Bool {
        var work = 0
        for node in search.trie.nodes {
            let (wildcards, uncovered) = dimensions(node)
            let states = (wildcards + 1) * (uncovered + 1)
            work += states * states
            if work > Self.workLimit { return false }
        }
        return true
    }

    /// The exact cheapest fold, or nil when none fits.
    func run() -> PathFolder.Candidate? {
        let nodes = search.trie.nodes
        let maxPaths = search.maxPaths
        var tables: [[Double]] = []  // stack of child tables
        var tableDimensions: [(Int, Int)] = []
        var splits = [[Int32]](repeating: [], count: nodes.count)  // per child: (jc << 16 | uc) for each parent state
        var own = [[UInt8]](repeating: [], count: nodes.count)  // per node: own wildcard kind chosen at (1, u)
        for index in 0..<nodes.count {
            let node = nodes[index]
            let (maxJ, maxU) = dimensions(node)
            let width = maxU + 1
            let childCount = Int(node.childCount)
            var childIndices: [Int] = []
            var child = index - 1
            for _ in 0..<childCount {
                childIndices.append(child)
                child -= Int(nodes[child].size)
            }
            childIndices.reverse()
            let loose = Int(node.changed) - childIndices.reduce(0) { $0 + Int(nodes[$1].changed) }
            var table = [Double](repeating: .infinity, count: (maxJ + 1) * width)
            if loose <= maxU { table[loose] = 0 }
            let firstTable = tables.count - childCount
            for (offset, childIndex) in childIndices.enumerated() {
                let childTable = tables[firstTable + offset]
                let (childJ, childU) = tableDimensions[firstTable + offset]
                var next = [Double](repeating: .infinity, count: table.count)
                var split = [Int32](repeating: 0, count: table.count)
                for j in 0...maxJ {
                    for u in 0...maxU where table[j * width + u] < .infinity {
                        let base = table[j * width + u]
                        for cj in 0...min(childJ, maxJ - j) {
                            for cu in 0...min(childU, maxU - u) where j + cj + u + cu <= maxPaths {
                                let value = childTable[cj * (childU + 1) + cu]
                                guard value < .infinity else { continue }
                                let slot = (j + cj) * width + u + cu
                                if base + value < next[slot] {
                                    next[slot] = base + value
                                    split[slot] = Int32(cj << 16 | cu)
                                }
                            }
                        }
                    }
                }
                table = next
                splits[childIndex] = split
            }
            if maxJ >= 1 {
                var choices = [UInt8](repeating: 0, count: width)
                let exclusiveCut = search.exclusiveCut[index]
                if exclusiveCut >= 0 {
                    let terminalChanged = node.terminal & 1 != 0
                    let cost = search.exclusiveCost[index]
                    let u = terminalChanged ? 1 : 0
                    if u <= maxU, cost < table[width + u] {
                        table[width + u] = cost
                        choices[u] = 1
                    }
                }
                let inclusiveCut = search.inclusiveCut[index]
                if inclusiveCut >= 0 {
                    let cost = search.inclusiveCost[index]
                    if cost < table[width] {
                        table[width] = cost
                        choices[0] = 2
                    }
                }
                own[index] = choices
            }
            tables.removeLast(childCount)
            tableDimensions.removeLast(childCount)
            tables.append(table)
            tableDimensions.append((maxJ, maxU))
        }
        // The best root state within the limits.
        guard let root = tables.last, let (rootJ, rootU) = tableDimensions.last else { return nil }
        var best: (Int, Int)?
        for j in 0...rootJ {
            for u in 0...rootU where j + u <= maxPaths && root[j * (rootU + 1) + u] < .infinity {
                if best == nil || root[j * (rootU + 1) + u] < root[best!.0 * (rootU + 1) + best!.1] { best = (j, u) }
            }
        }
        guard let start = best else { return nil }
        var picks: [(node: Int, kind: UInt8)] = []
        var pending: [(node: Int, j: Int, u: Int)] = [(nodes.count - 1, start.0, start.1)]
        while let (index, j, u) = pending.popLast() {
            let node = nodes[index]
            if j == 1, !own[index].isEmpty, u < own[index].count, own[index][u] != 0 {
                picks.append((index, own[index][u]))
                continue
            }
            var (j, u) = (j, u)
            let width = dimensions(node).1 + 1
            var child = index - 1
            for _ in 0..<Int(node.childCount) {
                let code = Int(splits[child][j * width + u])
                let (cj, cu) = (code >> 16, code & 0xFFFF)
                pending.append((child, cj, cu))
                j -= cj
                u -= cu
                child -= Int(nodes[child].size)
            }
        }
        return search.candidate(picks, method: "optimised")
    }
}
