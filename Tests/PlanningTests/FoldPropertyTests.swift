import Foundation
import Testing

@testable import ChangeLists
@testable import Planning

/// A small seeded generator, so failures can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Independent reference code for checking folds: coverage, evictions, simple strategies, brute force.
enum FoldReference {
    /// Whether `item` covers `url`: equal, or a wildcard `P*` with `url` starting with `P` and longer.
    static func covers(_ item: String, _ url: String) -> Bool {
        if item == url { return true }
        guard item.hasSuffix("*") else { return false }
        let prefix = Array(item.utf8.dropLast())
        let bytes = Array(url.utf8)
        return bytes.count > prefix.count && bytes.starts(with: prefix)
    }

    /// Unchanged objects evicted by the wildcards among `items`.
    static func evicted(_ items: [String], unchanged: [String]) -> Int {
        let wildcards = items.filter { $0.hasSuffix("*") }
        return unchanged.count { url in wildcards.contains { covers($0, url) } }
    }

    /// A random site: directories and files with shared name prefixes, some index documents and `/`.
    static func randomSite(_ random: inout SplitMix64, size: Int) -> [String] {
        var urls: Set<String> = []
        let names = ["a", "ab", "abc", "b", "ba", "index.html", "x.js", "x.css", "img", "p"]
        while urls.count < size {
            let depth = Int.random(in: 0...3, using: &random)
            var path = ""
            for _ in 0..<depth { path += "/" + names.randomElement(using: &random)! }
            if Int.random(in: 0..<6, using: &random) == 0 {
                urls.insert(path + "/")
            } else {
                urls.insert(
                    path + "/" + names.randomElement(using: &random)! + String(Int.random(in: 0..<3, using: &random)))
            }
        }
        return urls.sorted()
    }

    /// The simple strategies: `/*` and directory wildcards k levels deep, with their evictions, when they fit.
    static func simpleStrategies(changed: [String], unchanged: [String], maxPaths: Int, maxWildcards: Int) -> [[String]]
    {
        var result: [[String]] = []
        var root = ["/*"]
        if changed.contains("/") { root.append("/") }
        result.append(root)
        for depth in 1...5 {
            var items: Set<String> = []
            var groups: [String: Int] = [:]
            for url in changed {
                let parts = url.split(separator: "/", omittingEmptySubsequences: false)
                // "/a/b/c" splits into ["", "a", "b", "c"]; the depth-k directory is "/a/…/k/" when deeper.
                if parts.count > depth + 1 {
                    let prefix = parts.prefix(depth + 1).joined(separator: "/") + "/"
                    if url.utf8.count > prefix.utf8.count {
                        groups[prefix, default: 0] += 1
                        continue
                    }
                }
                items.insert(url)
            }
            for (prefix, count) in groups {
                if count >= 2 {
                    items.insert(prefix + "*")
                } else {
                    items.formUnion(changed.filter { covers(prefix + "*", $0) })
                }
            }
            result.append(Array(items))
        }
        return result.filter { items in
            items.count <= maxPaths && items.count { $0.hasSuffix("*") } <= maxWildcards
        }
    }

    /// The true minimum of evictions over every set of at most `maxPaths` items, by exhaustive search (tiny inputs).
    static func bruteForceMinimum(changed: [String], unchanged: [String], maxPaths: Int) -> Int? {
        var prefixes: Set<String> = []
        for url in changed {
            let bytes = Array(url.utf8)
            for length in 1..<bytes.count { prefixes.insert(String(decoding: bytes[..<length], as: UTF8.self)) }
        }
        let candidates = prefixes.sorted().map { $0 + "*" }
        var best: Int?
        func search(_ start: Int, _ chosen: [String]) {
            let uncovered = changed.count { url in !chosen.contains { covers($0, url) } }
            if chosen.count + uncovered <= maxPaths {
                let cost = evicted(chosen, unchanged: unchanged)
                if best == nil || cost < best! { best = cost }
            }
            guard chosen.count < min(maxPaths, 15) else { return }
            for index in start..<candidates.count { search(index + 1, chosen + [candidates[index]]) }
        }
        search(0, [])
        return best
    }
}

/// How many random cases each property test runs. The default keeps `swift test` quick and the suite from
/// starving the others on a small machine; `CLOUDFRONT_PROPERTY_RUNS=N` runs N cases for a deep run and
/// `CLOUDFRONT_PROPERTY_SEED=S` starts at seed S (a failure names its seed, to replay it).
enum PropertyRuns {
    static func seeds(_ defaultCount: Int) -> [Int] {
        let environment = ProcessInfo.processInfo.environment
        let count = environment["CLOUDFRONT_PROPERTY_RUNS"].flatMap { Int($0) }.map { min(max($0, 1), 100_000) }
        let start = environment["CLOUDFRONT_PROPERTY_SEED"].flatMap { Int($0) }.map { min(max($0, 0), 1 << 40) } ?? 0
        return Array(start..<(start + (count ?? defaultCount)))
    }
}

/// Folding, property-tested over random sites and change sets. Serialized: its cases are CPU-bound, and run in
/// parallel they would take every core from the other suites.
@Suite("Folding", .serialized)
struct FoldPropertyTests {
    /// Folds through the public planner with the listing known or not.
    static func fold(
        changed: [String], unchanged: [String], maxPaths: Int, listing: Bool, exact: Bool = true
    ) throws -> FoldOutcome {
        let input = FoldInput(changed: changed, unchanged: listing ? unchanged : nil)
        return try #require(PathFolder.fold(input, maxPaths: maxPaths, allowExact: exact))
    }

    @Test(
        "full coverage, at most N paths and 15 wildcards, never worse than the simple strategies",
        arguments: PropertyRuns.seeds(16))
    func properties(seed: Int) throws {
        var random = SplitMix64(state: UInt64(seed) &* 7919)
        let site = FoldReference.randomSite(&random, size: Int.random(in: 5...120, using: &random))
        let changed = site.filter { _ in Bool.random(using: &random) }
        guard !changed.isEmpty else { return }
        let unchanged = site.filter { !changed.contains($0) }
        let needsTwo = changed.contains("/") && changed.count > 1
        let maxPaths = Int.random(in: (needsTwo ? 2 : 1)...max(needsTwo ? 2 : 1, changed.count), using: &random)
        for (listing, exact) in [(true, true), (true, false), (false, true), (false, false)] {
            let outcome = try Self.fold(
                changed: changed, unchanged: unchanged, maxPaths: maxPaths, listing: listing, exact: exact)
            for url in changed {
                #expect(outcome.paths.contains { FoldReference.covers($0, url) }, "\(url) not covered (seed \(seed))")
            }
            #expect(outcome.paths.count <= maxPaths)
            #expect(outcome.wildcards.count <= min(15, maxPaths))
            #expect(Set(outcome.paths).count == outcome.paths.count)
            guard listing else { continue }
            let evicted = FoldReference.evicted(outcome.paths, unchanged: unchanged)
            #expect(outcome.evictedUnchanged == evicted, "seed \(seed)")
            for strategy in FoldReference.simpleStrategies(
                changed: changed, unchanged: unchanged, maxPaths: maxPaths, maxWildcards: 15)
            {
                #expect(evicted <= FoldReference.evicted(strategy, unchanged: unchanged), "seed \(seed): \(strategy)")
            }
        }
    }

    @Test(
        "the Lagrangian search alone is never better than the exact optimum (a check on both)",
        arguments: PropertyRuns.seeds(12))
    func lagrangianGap(seed: Int) throws {
        var random = SplitMix64(state: UInt64(seed) &* 31 &+ 5)
        let site = FoldReference.randomSite(&random, size: Int.random(in: 30...150, using: &random))
        let changed = site.filter { _ in Int.random(in: 0..<3, using: &random) == 0 }
        guard changed.count >= 4 else { return }
        let unchanged = site.filter { !changed.contains($0) }
        let maxPaths = Int.random(in: 2...max(2, changed.count / 2), using: &random)
        let exact = try Self.fold(changed: changed, unchanged: unchanged, maxPaths: maxPaths, listing: true)
        let lagrangian = try Self.fold(
            changed: changed, unchanged: unchanged, maxPaths: maxPaths, listing: true, exact: false)
        let exactEvicted = try #require(exact.evictedUnchanged)
        let lagrangianEvicted = try #require(lagrangian.evictedUnchanged)
        #expect(exactEvicted <= lagrangianEvicted, "seed \(seed)")
        #expect(lagrangian.paths.count <= maxPaths && exact.paths.count <= maxPaths)
    }

    @Test("matches the exhaustive optimum on tiny inputs", arguments: PropertyRuns.seeds(16))
    func optimal(seed: Int) throws {
        var random = SplitMix64(state: UInt64(seed) &* 104_729 &+ 1)
        let site = FoldReference.randomSite(&random, size: Int.random(in: 4...14, using: &random))
        let changed = site.filter { _ in Bool.random(using: &random) }
        guard changed.count >= 3 else { return }
        let unchanged = site.filter { !changed.contains($0) }
        let maxPaths = Int.random(in: 2...3, using: &random)
        let outcome = try Self.fold(changed: changed, unchanged: unchanged, maxPaths: maxPaths, listing: true)
        let optimum = try #require(
            FoldReference.bruteForceMinimum(changed: changed, unchanged: unchanged, maxPaths: maxPaths))
        #expect(outcome.evictedUnchanged == optimum, "seed \(seed): \(changed) → \(outcome.paths)")
    }

    @Test("wildcards never end inside a %XX escape")
    func escapes() throws {
        let changed = ["/%C3%A9a/1", "/%C3%A9a/2", "/%C3%A9b/1", "/%C3%A9b/2", "/%C3%A8/1", "/%C3%A8/2"]
        let outcome = try Self.fold(changed: changed, unchanged: ["/%C3%A0"], maxPaths: 1, listing: true)
        for path in outcome.paths where path.hasSuffix("*") {
            let bytes = Array(path.utf8.dropLast())
            #expect(bytes.last != UInt8(ascii: "%") && bytes.dropLast().last != UInt8(ascii: "%"), "\(path)")
        }
        #expect(outcome.paths == ["/%C3*"])
    }

    @Test("with the listing unknown, deeper prefixes are preferred")
    func deeperWithoutListing() throws {
        let changed = (1...20).map { "/docs/guide/page\($0).html" } + ["/docs/api/x.html"]
        let outcome = try Self.fold(changed: changed, unchanged: [], maxPaths: 5, listing: false)
        #expect(outcome.paths == ["/docs/api/x.html", "/docs/guide/page*"])
        #expect(outcome.evictedUnchanged == nil)
        let lagrangian = try Self.fold(changed: changed, unchanged: [], maxPaths: 5, listing: false, exact: false)
        #expect(lagrangian.paths == outcome.paths)
        // Sections side by side: wildcards inside the sections (or deeper) rather than '/*'.
        let sections = ["a", "b", "c", "d", "e", "f", "g", "h"].flatMap { section in
            (1...50).map { "/\(section)/\($0)" }
        }
        for exact in [true, false] {
            let folded = try Self.fold(changed: sections, unchanged: [], maxPaths: 100, listing: false, exact: exact)
            #expect(folded.paths.count <= 100)
            #expect(!folded.fellBackToRoot)
            #expect(folded.wildcards.allSatisfy { $0.utf8.count >= 4 }, "\(folded.wildcards)")
        }
    }

    @Test("with the listing known, the fold avoids unchanged objects even when a shallower wildcard is simpler")
    func avoidsUnchanged() throws {
        let changed = (1...10).map { "/assets/app.\($0).js" } + (1...10).map { "/assets/vendor.\($0).js" }
        let unchanged = (1...500).map { "/assets/img\($0).png" }
        let outcome = try Self.fold(changed: changed, unchanged: unchanged, maxPaths: 4, listing: true)
        #expect(outcome.evictedUnchanged == 0)
        #expect(outcome.paths == ["/assets/app.*", "/assets/vendor.*"])
    }

    @Test("'/' needs its own path: /* does not cover it")
    func slash() throws {
        let outcome = try Self.fold(changed: ["/", "/a", "/b", "/c"], unchanged: [], maxPaths: 2, listing: true)
        #expect(outcome.paths == ["/", "/*"])
        #expect(outcome.fellBackToRoot)
        #expect(PathFolder.fold(FoldInput(changed: ["/", "/a", "/b"], unchanged: nil), maxPaths: 1) == nil)
    }

    @Test("no folding when the changes fit")
    func fits() throws {
        let outcome = try Self.fold(changed: ["/b", "/a"], unchanged: ["/c"], maxPaths: 2, listing: true)
        #expect(outcome.paths == ["/a", "/b"])
        #expect(outcome.method == "none")
    }
}
