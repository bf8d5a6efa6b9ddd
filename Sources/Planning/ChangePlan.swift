import ChangeLists

/// What a change list turned into: the objects that changed, the paths to send, and what that costs.
///
/// Shown by `validate`, `--dry-run`, `--json` and the log. The CLI sends ``paths`` (already percent-encoded; they
/// pass ``Paths/PathSet`` unchanged) and, once every invalidation was created, calls ``manifestUpdate``'s
/// ``ManifestUpdate/commit(using:)``.
public struct ChangePlan: Sendable, Equatable {
    /// The changed object keys and URL paths, packed: a million of them as `[String]` would need hundreds of MB.
    var changedObjectStore: ByteStrings
    var urlPathStore: ByteStrings
    /// The paths to send after folding: files and wildcards covering every one of ``urlPaths``.
    public var paths: [String]
    /// Unchanged objects the wildcards evict; nil when the full listing is not known (`--from-s3-sync`, keys).
    public var evictedUnchanged: Int?
    /// Whether folding had to use `/*`; ``fallbackMessage`` says why.
    public var fellBackToRoot: Bool
    /// A whole sentence explaining the fall-back to `/*`, when there was one.
    public var fallbackMessage: String?
    /// Whole-sentence notes for the log (first run without manifest, keys outside the origin path, …).
    public var notices: [String]
    /// The manifest to write after success (`--from-dir` only).
    public var manifestUpdate: ManifestUpdate?

    /// The changed object keys, as the source named them, sorted by bytes and without duplicates.
    public var changedObjects: [String] { changedObjectStore.strings }
    /// How many objects changed.
    public var changedObjectCount: Int { changedObjectStore.count }
    /// Every URL path that must be invalidated (encoded), before folding; sorted by bytes.
    public var urlPaths: [String] { urlPathStore.strings }
    /// How many URL paths changed (an index document adds its directory's URL).
    public var urlPathCount: Int { urlPathStore.count }

    /// The wildcard paths among ``paths``.
    public var wildcards: [String] { paths.filter { $0.hasSuffix("*") } }

    /// Paths CloudFront bills: each path counts one, however many objects a wildcard matches.
    public var billablePaths: Int { paths.count }

    /// Dollars beyond the monthly free paths if none were used yet this month.
    public var costIfFreePathsUnused: Double { InvalidationPricing.cost(paths: billablePaths) }

    /// Dollars if this month's free paths are already used up.
    public var costIfFreePathsUsed: Double {
        InvalidationPricing.cost(paths: billablePaths, alreadyUsed: InvalidationPricing.freePathsPerMonth)
    }

    /// True when nothing changed: "nothing to invalidate" (exit 0, nothing sent).
    public var isEmpty: Bool { urlPathStore.count == 0 }

    /// The plan as log lines for people.
    public var summaryLines: [String] {
        if isEmpty {
            return ["Nothing to invalidate: the change list is empty (no changed objects)."] + notices
        }
        var lines = [
            "Changed objects: \(PlanText.count(changedObjectCount)) (\(PlanText.count(urlPathCount)) URL paths).",
            "Paths to send: \(PlanText.count(paths.count)), of which \(wildcards.count) wildcard(s)"
                + (wildcards.isEmpty ? "." : ": " + wildcards.prefix(15).joined(separator: ", ") + "."),
        ]
        if let evictedUnchanged {
            lines.append("Unchanged objects evicted by the wildcards: \(PlanText.count(evictedUnchanged)).")
        } else if !wildcards.isEmpty {
            lines.append("Unchanged objects evicted by the wildcards: unknown (the source lists only changes).")
        }
        lines.append(
            "Billable paths: \(PlanText.count(billablePaths)); cost beyond the free tier: "
                + "\(InvalidationPricing.dollars(costIfFreePathsUnused)) if none of this month's "
                + "\(PlanText.count(InvalidationPricing.freePathsPerMonth)) free paths were used, "
                + "\(InvalidationPricing.dollars(costIfFreePathsUsed)) if they were "
                + "(\(InvalidationPricing.dollars(InvalidationPricing.dollarsPerPath)) a path, price checked "
                + "\(InvalidationPricing.checked)).")
        if let fallbackMessage { lines.append(fallbackMessage) }
        return lines + notices
    }
}

/// Small text helpers for plan lines.
enum PlanText {
    /// `1234567` as `1,234,567`.
    static func count(_ number: Int) -> String {
        let digits = Array(String(number))
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }
}
