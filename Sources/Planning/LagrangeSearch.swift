import ChangeLists

/// The optimising half of ``PathFolder``: a tree knapsack over ``FoldTrie`` solved for a bisected Lagrange multiplier.
struct LagrangeSearch {
    /// One DP cell: the best objective value with at most `j` wildcards, and the savings and costs behind it.
    struct Cell {
        var value: Double
        var gain: Int
        var cost: Double
        static let zero = Cell(value: 0, gain: 0, cost: 0)

        /// Higher value wins; on a tie, more savings (keeps the bisection's feasible side feasible).
        @inline(__always) func beats(_ other: Cell) -> Bool {
            value > other.value || (value == other.value && gain > other.gain)
        }
    }

    let input: FoldInput
    let trie: FoldTrie
    let maxPaths: Int
    let maxWildcards: Int
    /// Per node: prefix length of the exclusive and inclusive wildcard, or -1 when there is none.
    let exclusiveCut: [Int32]
    let inclusiveCut: [Int32]
    /// Per node: the objective cost of each wildcard (see ``cost(evicted:cut:)``).
    let exclusiveCost: [Double]
    let inclusiveCost: [Double]
    /// Per node: the length of its DP array (it does not depend on λ), and the largest stack a pass needs.
    let arrayLengths: [Int32]
    let stackSize: Int
    /// One more than the longest path: `longest − cut` measures how shallow a prefix is.
    let depthScale: Int
    /// Weight of the depth tie-breaker when evictions are known: all tie-breakers together stay below one object.
    let tieBreak: Double

    init(input: FoldInput, maxPaths: Int, maxWildcards: Int) {
        self.input = input
        let trie = FoldTrie(input)
        self.trie = trie
        self.maxPaths = maxPaths
        self.maxWildcards = maxWildcards
        let count = trie.nodes.count
        var exclusive = [Int32](repeating: -1, count: count)
        var inclusive = [Int32](repeating: -1, count: count)
        var longest = 0
        for index in 0..<input.paths.count { longest = max(longest, input.paths.length(index)) }
        for (index, node) in trie.nodes.enumerated() {
            for option in WildcardOption.options(for: node, paths: input.paths) {
                if option.cut == Int(node.depth) {
                    exclusive[index] = Int32(option.cut)
                } else {
                    inclusive[index] = Int32(option.cut)
                }
            }
        }
        exclusiveCut = exclusive
        inclusiveCut = inclusive
        depthScale = longest + 1
        tieBreak = 1.0 / (Double(depthScale) * Double(maxWildcards + 1) * 2)
        // Without a listing, a wildcard's cost grows 16-fold per directory level it gives up (see `proxyDepth`).
        var depths = [Double](repeating: 0, count: count * 2)
        var deepest = 0.0
        for index in 0..<count {
            for (slot, cut) in [exclusive[index], inclusive[index]].enumerated() where cut >= 0 {
                let depth = Self.proxyDepth(input.paths, index: Int(trie.nodes[index].first), cut: Int(cut))
                depths[index * 2 + slot] = depth
                deepest = max(deepest, depth)
            }
        }
        var exclusiveCost = [Double](repeating: 0, count: count)
        var inclusiveCost = [Double](repeating: 0, count: count)
        var lengths = [Int32](repeating: 1, count: count)
        var simulated: [Int32] = []
        var stackSize = 0
        var stackUsed = 0
        for (index, node) in trie.nodes.enumerated() {
            let terminalUnchanged: Int32 = node.terminal & 2 != 0 ? 1 : 0
            func cost(evicted: Int32, cut: Int32, depth: Double) -> Double {
                input.listingKnown
                    ? Double(evicted) + (1.0 / (Double(longest + 1) * Double(maxWildcards + 1) * 2))
                        * Double(longest + 1 - Int(cut))
                    : Self.proxyBase(deepest - depth)
            }
            if exclusive[index] >= 0 {
                exclusiveCost[index] = cost(
                    evicted: node.unchanged - terminalUnchanged, cut: exclusive[index], depth: depths[index * 2])
            }
            if inclusive[index] >= 0 {
                inclusiveCost[index] = cost(
                    evicted: node.unchanged, cut: inclusive[index], depth: depths[index * 2 + 1])
            }
            // Array lengths: merging children adds their lengths, capped; an own wildcard needs room for one.
            let cap = node.depth == 0 ? maxWildcards : min(maxWildcards, Int(node.changed) / 2)
            var length = 1
            let childCount = Int(node.childCount)
            for offset in 0..<childCount {
                length = min(cap, length - 1 + Int(simulated[simulated.count - childCount + offset]) - 1) + 1
            }
            if cap >= 1, exclusive[index] >= 0 || inclusive[index] >= 0 { length = max(length, 2) }
            stackUsed -= simulated.suffix(childCount).reduce(0) { $0 + Int($1) }
            simulated.removeLast(childCount)
            simulated.append(Int32(length))
            lengths[index] = Int32(length)
            stackUsed += length
            stackSize = max(stackSize, stackUsed + maxWildcards + 1)
        }
        self.exclusiveCost = exclusiveCost
        self.inclusiveCost = inclusiveCost
        arrayLengths = lengths
        self.stackSize = stackSize
    }

    /// How deep a wildcard prefix reaches: its `/` count, plus up to 0.9 for characters into the next segment.
    static func proxyDepth(_ paths: ByteStrings, index: Int, cut: Int) -> Double {
        let start = paths.starts[index]
        var slashes = 0
        var tail = 0
        for offset in 0..<cut {
            if paths.bytes[start + offset] == UInt8(ascii: "/") {
                slashes += 1
                tail = 0
            } else {
                tail += 1
            }
        }
        return Double(slashes) + 0.9 * (1 - 1 / Double(1 + tail))
    }

    /// 16 to the power `levels`: a wildcard one level shallower costs as much as sixteen one level deeper.
    static func proxyBase(_ levels: Double) -> Double {
        var result = 1.0
        var remaining = levels
        while remaining >= 1 {
            result *= 16
            remaining -= 1
        }
        return result * (1 + 15 * remaining / 1)  // linear between whole levels keeps it monotone
    }

    /// The cheapest feasible set found, or nil when no wildcard set fits.
    ///
    /// Walks the hull of (savings, cost) with the Eisner–Severance parametric search rather than bisecting λ: each
    /// pass at the λ where the best feasible and the best infeasible solution so far tie either finds a new hull
    /// point between them or proves them neighbours. A handful of passes suffice even for a million paths.
    func run() -> PathFolder.Candidate? {
        let needed = input.changedCount - maxPaths
        var best: (cost: Double, lambda: Double, wildcards: Int)?
        /// Evaluates λ, records every feasible candidate, and returns the at-most-W optimum.
        func consider(_ lambda: Double) -> Cell {
            let cells = evaluate(lambda: lambda, record: nil)
            for (wildcards, cell) in cells.enumerated() where cell.gain >= needed {
                if best == nil || cell.cost < best!.cost { best = (cell.cost, lambda, wildcards) }
            }
            return cells[cells.count - 1]
        }
        var feasible = consider(0)
        guard feasible.gain >= needed else { return nil }
        let largestCost = (exclusiveCost + inclusiveCost).max() ?? 0
        let smallestCost = (exclusiveCost + inclusiveCost).filter { $0 > 0 }.min() ?? 1
        var infeasible = consider(Double(input.changedCount + 1) / smallestCost * 2)
        guard largestCost > 0, infeasible.gain < needed else { return record(best!) }
        for _ in 0..<60 {
            guard feasible.cost > infeasible.cost, feasible.gain > infeasible.gain else { break }
            let lambda = Double(feasible.gain - infeasible.gain) / (feasible.cost - infeasible.cost)
            let point = consider(lambda)
            let tie = Double(feasible.gain) - lambda * feasible.cost
            if point.value <= tie + 1e-9 * max(1, abs(tie)) { break }  // no hull point between the two
            if point.gain >= needed { feasible = point } else { infeasible = point }
        }
        return record(best!)
    }

    /// Re-runs the pass for the chosen λ, recording choices, and rebuilds the wildcards.
    func record(_ chosen: (cost: Double, lambda: Double, wildcards: Int)) -> PathFolder.Candidate {
        var recorder = Recorder(nodes: trie.nodes.count, width: maxWildcards + 1)
        _ = evaluate(lambda: chosen.lambda, record: &recorder)
        return reconstruct(recorder: recorder, budget: chosen.wildcards)
    }

    /// Choices made during a recording pass: per node, the wildcard kind used and each child's share of the budget.
    struct Recorder {
        let width: Int
        var own: [UInt8]
        var split: [UInt8]
        init(nodes: Int, width: Int) {
            self.width = width
            own = [UInt8](repeating: 0, count: nodes * width)
            split = [UInt8](repeating: 0, count: nodes * width)
        }
    }

    /// One post-order pass; returns the root's cells for 0…W wildcards (at most that many).
    func evaluate(lambda: Double, record: UnsafeMutablePointer<Recorder>?) -> [Cell] {
        let width = maxWildcards + 1
        let stack = UnsafeMutableBufferPointer<Cell>.allocate(capacity: stackSize + 2 * width)
        defer { stack.deallocate() }
        let scratch = UnsafeMutableBufferPointer<Cell>.allocate(capacity: 2 * width)
        defer { scratch.deallocate() }
        var lengthStack: [Int32] = []
        lengthStack.reserveCapacity(1_024)
        var top = 0
        let childSplit = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: width)
        childSplit.initialize(repeating: 0)
        defer { childSplit.deallocate() }
        var childIndices: [Int] = []
        trie.nodes.withUnsafeBufferPointer { nodes in
            for index in 0..<nodes.count {
                let node = nodes[index]
                let childCount = Int(node.childCount)
                if childCount == 0, record == nil {
                    // Fast path for the many nodes without kept children: [nothing, own wildcard].
                    stack[top] = .zero
                    var length = 1
                    if let own = ownCell(index, node, lambda) {
                        stack[top + 1] = own.cell.beats(.zero) ? own.cell : .zero
                        length = 2
                    }
                    top += length
                    lengthStack.append(Int32(length))
                    continue
                }
                let cap = node.depth == 0 ? maxWildcards : min(maxWildcards, Int(node.changed) / 2)
                var accumulator = scratch.baseAddress!
                var next = scratch.baseAddress! + width
                accumulator[0] = .zero
                var length = 1
                var stackStart = top
                for offset in 0..<childCount { stackStart -= Int(lengthStack[lengthStack.count - childCount + offset]) }
                if record != nil {
                    childIndices.removeAll(keepingCapacity: true)
                    var child = index - 1
                    for _ in 0..<childCount {
                        childIndices.append(child)
                        child -= Int(nodes[child].size)
                    }
                    childIndices.reverse()
                }
                var cursor = stackStart
                for offset in 0..<childCount {
                    let childLength = Int(lengthStack[lengthStack.count - childCount + offset])
                    let newLength = min(cap, length - 1 + childLength - 1) + 1
                    for budget in 0..<newLength {
                        var bestCell = accumulator[min(budget, length - 1)]
                        var bestShare = 0
                        var share = 1
                        let shareLimit = min(budget, childLength - 1)
                        while share <= shareLimit {
                            let left = accumulator[min(budget - share, length - 1)]
                            let right = stack[cursor + share]
                            let value = left.value + right.value
                            if value > bestCell.value
                                || (value == bestCell.value && left.gain + right.gain > bestCell.gain)
                            {
                                bestCell = Cell(
                                    value: value, gain: left.gain + right.gain, cost: left.cost + right.cost)
                                bestShare = share
                            }
                            share += 1
                        }
                        next[budget] = bestCell
                        childSplit[budget] = UInt8(bestShare)
                    }
                    if let record {
                        let base = childIndices[offset] * width
                        for budget in 0..<width {
                            record.pointee.split[base + budget] = childSplit[min(budget, newLength - 1)]
                        }
                    }
                    swap(&accumulator, &next)
                    length = newLength
                    cursor += childLength
                }
                // The node's own wildcards (each uses one of the budget).
                if cap >= 1, let own = ownCell(index, node, lambda) {
                    let (ownCell, ownKind) = (own.cell, own.kind)
                    if length < 2 {
                        accumulator[1] = accumulator[0]
                        length = 2
                    }
                    for budget in 1..<length where ownCell.beats(accumulator[budget]) {
                        accumulator[budget] = ownCell
                        if let record { record.pointee.own[index * width + budget] = ownKind }
                    }
                    if let record {
                        // Budgets beyond the array behave like its last entry.
                        let last = record.pointee.own[index * width + length - 1]
                        for budget in length..<width { record.pointee.own[index * width + budget] = last }
                    }
                }
                top = stackStart
                lengthStack.removeLast(childCount)
                for budget in 0..<length { stack[top + budget] = accumulator[budget] }
                top += length
                lengthStack.append(Int32(length))
            }
        }
        var root = Array(stack[(top - Int(lengthStack[lengthStack.count - 1]))..<top])
        while root.count < width { root.append(root[root.count - 1]) }
        return root
    }

    /// The better of the node's own wildcards at `lambda`, with its kind (1 exclusive, 2 inclusive).
    @inline(__always) func ownCell(_ index: Int, _ node: FoldTrie.Node, _ lambda: Double) -> (cell: Cell, kind: UInt8)?
    {
        guard node.depth > 0, node.changed >= 2 else { return nil }
        var result: (cell: Cell, kind: UInt8)?
        if exclusiveCut[index] >= 0 {
            let gain = Int(node.changed) - (node.terminal & 1 != 0 ? 1 : 0) - 1
            let cost = exclusiveCost[index]
            result = (Cell(value: Double(gain) - lambda * cost, gain: gain, cost: cost), 1)
        }
        if inclusiveCut[index] >= 0 {
            let gain = Int(node.changed) - 1
            let cost = inclusiveCost[index]
            let cell = Cell(value: Double(gain) - lambda * cost, gain: gain, cost: cost)
            if result == nil || cell.beats(result!.cell) { result = (cell, 2) }
        }
        return result
    }

    /// Walks the recorded choices from the root down and lists the chosen wildcards.
    func reconstruct(recorder: Recorder, budget: Int) -> PathFolder.Candidate {
        let nodes = trie.nodes
        let width = recorder.width
        var picks: [(node: Int, kind: UInt8)] = []
        var pending: [(node: Int, budget: Int)] = [(nodes.count - 1, budget)]
        while let (index, budget) = pending.popLast() {
            guard budget > 0 else { continue }
            let node = nodes[index]
            let kind = recorder.own[index * width + budget]
            if kind != 0 {
                picks.append((index, kind))
                continue
            }
            var remaining = budget
            var child = index - 1
            for _ in 0..<Int(node.childCount) {
                let share = Int(recorder.split[child * width + remaining])
                pending.append((child, share))
                remaining -= share
                child -= Int(nodes[child].size)
            }
        }
        return candidate(refined(picks), method: "optimised")
    }

    /// Splits chosen wildcards into their children's while that lowers the cost and still fits the limits.
    ///
    /// The Lagrangian pass only reaches sets on the convex hull of (savings, cost); a hull point can save far more
    /// paths than needed at a much higher cost. Replacing a wildcard by wildcards on its child nodes (and files for
    /// the changed paths directly under it) spends that slack, greedily by the largest cost reduction.
    func refined(_ initial: [(node: Int, kind: UInt8)]) -> [(node: Int, kind: UInt8)] {
        let nodes = trie.nodes
        var picks = initial
        var items = candidate(picks, method: "").itemCount
        for _ in 0..<10_000 {
            var best: (position: Int, replacement: [(node: Int, kind: UInt8)], items: Int, saving: Double)?
            for (position, pick) in picks.enumerated() {
                let node = nodes[pick.node]
                let ownCost = pick.kind == 1 ? exclusiveCost[pick.node] : inclusiveCost[pick.node]
                var replacement: [(node: Int, kind: UInt8)] = []
                var replacementCost = 0.0
                var childChanged = 0
                var child = pick.node - 1
                for _ in 0..<Int(node.childCount) {
                    let useExclusive =
                        exclusiveCut[child] >= 0
                        && (inclusiveCut[child] < 0 || exclusiveCost[child] <= inclusiveCost[child])
                    if useExclusive || inclusiveCut[child] >= 0 {
                        replacement.append((child, useExclusive ? 1 : 2))
                        replacementCost += useExclusive ? exclusiveCost[child] : inclusiveCost[child]
                        childChanged +=
                            Int(nodes[child].changed) - (useExclusive && nodes[child].terminal & 1 != 0 ? 1 : 0)
                    }
                    child -= Int(nodes[child].size)
                }
                let covered = Int(node.changed) - (pick.kind == 1 && node.terminal & 1 != 0 ? 1 : 0)
                let newItems = items - 1 + replacement.count + (covered - childChanged)
                let saving = ownCost - replacementCost
                guard saving > 0, newItems <= maxPaths, picks.count - 1 + replacement.count <= maxWildcards else {
                    continue
                }
                if best == nil || saving > best!.saving { best = (position, replacement, newItems, saving) }
            }
            guard let chosen = best else { break }
            picks.remove(at: chosen.position)
            picks += chosen.replacement
            items = chosen.items
        }
        return picks
    }

    /// The candidate made of wildcards at `picks` (kind 1: exclusive, 2: inclusive).
    func candidate(_ picks: [(node: Int, kind: UInt8)], method: String) -> PathFolder.Candidate {
        var wildcards: [PathFolder.Candidate.Wildcard] = []
        var evicted = 0
        var depthPenalty = 0
        var covered = 0
        for (index, kind) in picks {
            let node = trie.nodes[index]
            let exclusive = kind == 1
            let cut = Int(exclusive ? exclusiveCut[index] : inclusiveCut[index])
            let excludesTerminal = exclusive && node.terminal & 1 != 0
            wildcards.append(
                .init(first: Int(node.first), last: Int(node.last), cut: cut, excludesTerminal: excludesTerminal))
            evicted += Int(node.unchanged) - (exclusive && node.terminal & 2 != 0 ? 1 : 0)
            depthPenalty += depthScale - cut
            covered += Int(node.changed) - (excludesTerminal ? 1 : 0)
        }
        return PathFolder.Candidate(
            wildcards: wildcards, evicted: evicted, depthPenalty: depthPenalty,
            itemCount: wildcards.count + input.changedCount - covered, method: method)
    }
}
