import ChangeLists
import Paths

/// URL paths made from object keys: exact encoded paths, and prefixes that only a wildcard can cover.
struct MappedPaths {
    /// Encoded exact paths, packed.
    var exact = ByteStrings()
    /// Encoded prefixes for keys an invalidation path cannot name exactly (see ``KeyEncoder``).
    var forcedPrefixes: [[UInt8]] = []
    /// Why each forced prefix was needed.
    var forcedReasons: [String] = []
    /// Keys skipped because they lie outside the origin path.
    var outsideOrigin = 0
    /// The first such key, for the notice.
    var firstOutside: String?

    /// Maps and encodes one key.
    mutating func add(_ key: ArraySlice<UInt8>, mapping: URLMapping, changed: Bool) {
        let inside = mapping.map(key) { path in
            if path.allSatisfy(KeyEncoder.isPassThrough), path.count <= PathRules.maximumPathLength {
                exact.append(path)
                return
            }
            switch KeyEncoder.encode(String(decoding: path, as: UTF8.self)) {
            case .exact(let encoded): exact.append(encoded.utf8)
            case .prefix(let prefix, let reason):
                // Unchanged objects with such names are left out of the listing: evictions may be undercounted.
                guard changed else { return }
                forcedPrefixes.append(Array(prefix.utf8))
                forcedReasons.append(reason)
            }
        }
        if !inside {
            outsideOrigin += 1
            if firstOutside == nil { firstOutside = String(decoding: key, as: UTF8.self) }
        }
    }

    /// The exact paths not covered by one of the `forced` prefixes' wildcards.
    func exactPaths(notCoveredBy forced: [[UInt8]]) -> ByteStrings {
        guard !forced.isEmpty else { return exact }
        var strings = ByteStrings()
        for index in 0..<exact.count where !Self.isCovered(exact[index], by: forced) { strings.append(exact[index]) }
        return strings
    }

    /// How many exact paths the `forced` prefixes' wildcards cover, not counting those in `changed`.
    func countCovered(by forced: [[UInt8]], except changed: MappedPaths) -> Int {
        guard !forced.isEmpty else { return 0 }
        let changedPaths = Set((0..<changed.exact.count).map { Array(changed.exact[$0]) })
        return (0..<exact.count).count {
            Self.isCovered(exact[$0], by: forced) && !changedPaths.contains(Array(exact[$0]))
        }
    }

    /// Whether `P*` for one of `prefixes` covers `path` (it starts with `P` and is longer).
    static func isCovered(_ path: ArraySlice<UInt8>, by prefixes: [[UInt8]]) -> Bool {
        prefixes.contains { path.count > $0.count && path.starts(with: $0) }
    }

    /// The prefixes not covered by a shorter one of the list, sorted and unique.
    static func minimalPrefixes(_ prefixes: [[UInt8]]) -> [[UInt8]] {
        let sorted = Set(prefixes).sorted { $0.lexicographicallyPrecedes($1) }
        var result: [[UInt8]] = []
        for prefix in sorted where !result.contains(where: { prefix.count > $0.count && prefix.starts(with: $0) }) {
            result.append(prefix)
        }
        return result
    }
}
