import ChangeLists

/// The entry point: reads a change source, maps keys to URL paths and folds them into the paths to send.
///
/// Pure apart from the two seams it is given: the file system (for `--from-s3-sync FILE`, `--from-dir`, the
/// manifest) and git (for `--from-git`). Nothing is written: the manifest update is returned in the plan.
/// Keys and paths stay packed as bytes throughout, so 1,000,000 changed paths plan within the benchmark's goals.
public enum ChangeListPlanner {
    /// Plans the invalidation for `source`; `maxPaths` (`--max-paths`) folds the paths when given.
    ///
    /// Throws only ``ChangeListError`` (exit 64: nothing was sent).
    public static func plan(
        source: ChangeSource, mapping: URLMapping = URLMapping(), maxPaths: Int? = nil,
        fileSystem: some ChangeListFileSystem = LocalFileSystem(), git: some GitRunner
    ) throws -> ChangePlan {
        if let maxPaths, maxPaths < 1 {
            throw ChangeListError(
                .maxPaths,
                message: "--max-paths must be at least 1 (got \(maxPaths)); it is the most paths one run may send.")
        }
        let changes = try source.read(fileSystem: fileSystem, git: git)
        return try plan(changes, mapping: mapping, maxPaths: maxPaths)
    }

    /// Maps, encodes and folds gathered changes.
    static func plan(_ changes: ChangeSet, mapping: URLMapping, maxPaths: Int?) throws -> ChangePlan {
        var notices = changes.notices
        let objects = sortedUnique(changes.keys)
        var mapped = MappedPaths()
        for index in 0..<objects.count { mapped.add(objects[index], mapping: mapping, changed: true) }
        var unchanged: MappedPaths?
        if let listing = changes.listing {
            var paths = MappedPaths()
            for index in 0..<listing.count { paths.add(listing[index], mapping: mapping, changed: false) }
            unchanged = paths
        }
        if mapped.outsideOrigin > 0 {
            notices.append(
                "Skipped \(PlanText.count(mapped.outsideOrigin)) changed object(s) outside the origin path "
                    + "'\(mapping.originPath)/' (first: '\(mapped.firstOutside ?? "")'): the distribution does not "
                    + "serve them.")
        }
        notices += mapped.forcedReasons.prefix(3)
        let forced = MappedPaths.minimalPrefixes(mapped.forcedPrefixes)
        let forcedEvictions = unchanged.map { $0.countCovered(by: forced, except: mapped) }
        let input = FoldInput(
            changed: mapped.exactPaths(notCoveredBy: forced), unchanged: unchanged?.exactPaths(notCoveredBy: forced))
        mapped = MappedPaths()
        unchanged = nil
        let forcedPaths = forced.map { String(decoding: $0, as: UTF8.self) + "*" }
        var plan = ChangePlan(
            changedObjectStore: objects, urlPathStore: changedPaths(of: input, plus: forcedPaths), paths: [],
            evictedUnchanged: nil, fellBackToRoot: false, fallbackMessage: nil, notices: notices,
            manifestUpdate: changes.manifestUpdate)
        guard !plan.isEmpty else { return plan }
        let fold = try folded(input, forcedCount: forced.count, maxPaths: maxPaths)
        plan.paths = (fold.paths + forcedPaths).sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        if let evicted = fold.evictedUnchanged, let forcedEvictions {
            plan.evictedUnchanged = evicted + forcedEvictions
        }
        if plan.paths.count < plan.urlPathCount {
            plan.notices.append(
                "Folded \(PlanText.count(plan.urlPathCount)) URL paths into \(PlanText.count(plan.paths.count)) "
                    + "(\(plan.wildcards.count) wildcards) to stay within --max-paths \(maxPaths ?? 0).")
        }
        if plan.paths.contains("/*") {
            plan.fellBackToRoot = true
            plan.fallbackMessage =
                plan.evictedUnchanged == 0
                ? "Invalidating '/*': every object of the site changed, so it evicts nothing that is still current."
                : "Falling back to '/*': no set of at most \(maxPaths ?? 0) paths with at most "
                    + "\(PathFolder.wildcardLimit) wildcards narrower than '/*' covers every change. Raise "
                    + "--max-paths to invalidate more precisely."
        }
        return plan
    }

    /// `strings` sorted by bytes, without duplicates.
    static func sortedUnique(_ strings: ByteStrings) -> ByteStrings {
        let order = StringSorter.sortedIndices(strings)
        var result = ByteStrings()
        result.reserveCapacity(strings: strings.count, totalBytes: strings.bytes.count)
        for position in 0..<order.count {
            let index = Int(order[position])
            if position > 0, strings.equal(Int(order[position - 1]), index) { continue }
            result.append(from: strings, index)
        }
        return result
    }

    /// The changed paths of `input` (already sorted) and the forced wildcards, sorted by bytes.
    static func changedPaths(of input: FoldInput, plus forced: [String]) -> ByteStrings {
        var result = ByteStrings()
        result.reserveCapacity(strings: input.changedCount + forced.count, totalBytes: input.paths.bytes.count)
        for index in 0..<input.paths.count where input.changed[index] { result.append(from: input.paths, index) }
        guard !forced.isEmpty else { return result }
        return sortedUnique(ByteStrings(result.strings + forced))
    }

    /// Folds `input` into the room the forced wildcards leave.
    static func folded(_ input: FoldInput, forcedCount: Int, maxPaths: Int?) throws -> FoldOutcome {
        let empty = FoldOutcome(
            paths: [], evictedUnchanged: input.listingKnown ? 0 : nil, fellBackToRoot: false, method: "none")
        guard input.changedCount > 0 else { return empty }
        guard let maxPaths else { return PathFolder.fold(input, maxPaths: Int.max) ?? empty }
        let room = maxPaths - forcedCount
        let wildcardRoom = PathFolder.wildcardLimit - forcedCount
        if room >= 1, wildcardRoom >= 0,
            let outcome = PathFolder.fold(input, maxPaths: room, maxWildcards: wildcardRoom)
        {
            return outcome
        }
        throw ChangeListError(
            .maxPaths,
            message: "--max-paths \(maxPaths) is too small to cover the "
                + "\(PlanText.count(input.changedCount + forcedCount)) changed paths: '/*' does not cover '/' itself, "
                + "and objects whose names need a wildcard use one path each. Raise --max-paths to at least "
                + "\(forcedCount + 2).")
    }
}

extension ChangeListPlanner {
    /// Folds URL paths given directly (`PATH…`, `--paths-file`) into at most `maxPaths` paths and 15 wildcards.
    ///
    /// The paths must already be normalised and encoded (``Paths/PathSet/paths``) and hold no `#tags` (pass those
    /// through unfolded). A wildcard among them is a path to cover like any other. The listing is unknown, so deeper
    /// prefixes are preferred. Nil when no fold that small exists (`/*` does not cover `/`).
    public static func fold(urlPaths: [String], maxPaths: Int) -> FoldOutcome? {
        guard maxPaths >= 1 else { return nil }
        return PathFolder.fold(FoldInput(changed: urlPaths, unchanged: nil), maxPaths: maxPaths)
    }
}
