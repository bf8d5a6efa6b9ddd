import ChangeLists

/// The URL paths a fold works on: every changed path and, when known, every unchanged one, sorted and unique.
///
/// A path in both lists counts as changed. Paths are percent-encoded (ASCII), so byte order is the order CloudFront's
/// prefix matching sees.
struct FoldInput: Sendable {
    /// All paths in ascending byte order, without duplicates.
    let paths: ByteStrings
    /// `changed[i]` tells whether `paths[i]` changed; the others are unchanged objects a wildcard would evict.
    let changed: [Bool]
    /// Whether the unchanged objects are known (`--from-dir`, `--from-git`): then evictions can be counted.
    let listingKnown: Bool
    /// How many of `paths` changed.
    let changedCount: Int

    /// Sorts and merges `changed` with `unchanged` (nil when the full listing is not known).
    init(changed: ByteStrings, unchanged: ByteStrings?) {
        var all = changed
        let changedTotal = changed.count
        if let unchanged {
            all.reserveCapacity(strings: changed.count + unchanged.count, totalBytes: 0)
            for index in 0..<unchanged.count { all.append(from: unchanged, index) }
        }
        let order = StringSorter.sortedIndices(all)
        var sorted = ByteStrings()
        sorted.reserveCapacity(strings: all.count, totalBytes: all.bytes.count)
        var flags: [Bool] = []
        flags.reserveCapacity(all.count)
        var changedCount = 0
        for position in 0..<order.count {
            let index = Int(order[position])
            let isChanged = index < changedTotal
            if position > 0, all.equal(Int(order[position - 1]), index) {
                if isChanged, !flags[flags.count - 1] {
                    flags[flags.count - 1] = true
                    changedCount += 1
                }
                continue
            }
            sorted.append(from: all, index)
            flags.append(isChanged)
            if isChanged { changedCount += 1 }
        }
        self.paths = sorted
        self.changed = flags
        self.listingKnown = unchanged != nil
        self.changedCount = changedCount
    }

    /// Convenience for tests and small inputs.
    init(changed: [String], unchanged: [String]?) {
        var changedStrings = ByteStrings()
        for path in changed { changedStrings.append(Array(path.utf8)) }
        var unchangedStrings: ByteStrings?
        if let unchanged {
            var strings = ByteStrings()
            for path in unchanged { strings.append(Array(path.utf8)) }
            unchangedStrings = strings
        }
        self.init(changed: changedStrings, unchanged: unchangedStrings)
    }
}
