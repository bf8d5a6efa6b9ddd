/// Splits a list of items into consecutive batches that each fit ``BatchLimits``.
public enum InvalidationBatcher {
    /// Greedy, order-keeping split: a batch is closed when the next item would exceed either limit.
    ///
    /// Deterministic, every item lands in exactly one batch, and no other split into consecutive runs has fewer
    /// batches (closing a batch later is never possible, earlier never helps).
    public static func split(_ items: [InvalidationPath], limits: BatchLimits = .cloudFront) -> [[InvalidationPath]] {
        var batches: [[InvalidationPath]] = []
        var current: [InvalidationPath] = []
        var files = 0
        var wildcards = 0
        for item in items {
            let isWildcard = item.kind == .wildcard
            if isWildcard ? wildcards == limits.wildcards : files == limits.files {
                batches.append(current)
                current = []
                files = 0
                wildcards = 0
            }
            current.append(item)
            if isWildcard { wildcards += 1 } else { files += 1 }
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }
}
