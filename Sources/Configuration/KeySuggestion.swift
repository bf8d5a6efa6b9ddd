/// "Did you mean" for misspelt keys: the known key nearest in edit distance, when it is near enough.
enum KeySuggestion {
    /// The closest candidate within a third of the key's length (at least 1, at most 3 edits), or nil.
    static func nearest(to key: String, in candidates: [String]) -> String? {
        guard key.count <= 64 else { return nil }
        let normalized = key.lowercased().replacing("-", with: "_")
        let allowed = max(1, min(3, normalized.count / 3))
        let scored = candidates.map { ($0, distance(normalized, $0)) }.filter { $0.1 <= allowed }
        return scored.min { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }?.0
    }

    /// Levenshtein distance (insertions, deletions, substitutions), with two rows of memory.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
