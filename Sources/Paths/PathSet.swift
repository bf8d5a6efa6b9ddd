/// The checked items of one invalidation request: every input normalised, duplicates and covered paths dropped.
///
/// Every input is checked and every error kept (not only the first), so a user fixes a list in one go.
/// Exact duplicates are dropped keeping the first occurrence; cache tags are compared ignoring ASCII case, because
/// CloudFront treats `#Product` and `#product` as the same tag. Paths covered by a wildcard of the same set (see
/// ``InvalidationPath/covers(_:)``) are dropped too. Each dropped item is reported as a notice.
public struct PathSet: Sendable {
    /// The items to send, in input order.
    public private(set) var items: [InvalidationPath] = []
    /// Whole-sentence notes for the log: adjustments and dropped items.
    public private(set) var notices: [String] = []
    /// One entry per rejected input, in input order; when not empty, nothing may be sent.
    public private(set) var errors: [PathError] = []

    /// Checks `inputs` (raw paths or `#tags`), percent-encoding them unless `encode` is false (`--no-encode`).
    public init(_ inputs: [String], encode: Bool = true) {
        var accepted: [InvalidationPath] = []
        var seen: Set<String> = []
        for raw in inputs {
            switch PathRules.normalize(raw, encode: encode) {
            case .failure(let error):
                errors.append(error)
            case .success(let normalized):
                notices += normalized.notices
                let path = normalized.path
                let key = path.kind == .tag ? Self.asciiLowercased(path.value) : path.value
                if seen.insert(key).inserted {
                    accepted.append(path)
                } else {
                    notices.append("Dropped '\(path.value)': it is already in the list.")
                }
            }
        }
        items = dropCovered(accepted)
    }

    /// Removes items covered by a wildcard of the list, noting which wildcard covers each.
    private mutating func dropCovered(_ paths: [InvalidationPath]) -> [InvalidationPath] {
        // Index wildcard bases by length so each path needs one lookup per distinct length, not per wildcard.
        var wildcards: [[UInt8]: String] = [:]
        for path in paths where path.kind == .wildcard {
            wildcards[Array(path.value.utf8.dropLast())] = path.value
        }
        let lengths = Set(wildcards.keys.map(\.count)).sorted()
        guard !lengths.isEmpty else { return paths }
        return paths.filter { path in
            guard path.kind != .tag else { return true }
            let bytes = Array(path.value.utf8)
            // A wildcard Q* is covered by P* with P a proper prefix of Q; a file X by P* with P a proper prefix of X.
            let limit = path.kind == .wildcard ? bytes.count - 1 : bytes.count
            for length in lengths where length < limit {
                if let wildcard = wildcards[Array(bytes[..<length])] {
                    let covering = InvalidationPath(normalized: wildcard)
                    if covering.covers(path) {
                        notices.append("Dropped '\(path.value)': the wildcard '\(wildcard)' already covers it.")
                        return false
                    }
                }
            }
            return true
        }
    }

    /// The strings to send, in order.
    public var paths: [String] { items.map(\.value) }

    /// Items ending in `*` (CloudFront allows 15 in progress per distribution).
    public var wildcardCount: Int { items.count { $0.kind == .wildcard } }

    /// File paths and tags (CloudFront allows 3,000 file paths in progress per distribution).
    public var fileCount: Int { items.count { $0.kind != .wildcard } }

    /// Paths CloudFront bills: every item counts one, a wildcard included, however many objects it matches.
    public var billablePaths: Int { items.count }

    /// The items split into consecutive batches that each fit `limits`; see ``InvalidationBatcher``.
    public func batches(limits: BatchLimits = .cloudFront) -> [[String]] {
        InvalidationBatcher.split(items, limits: limits).map { $0.map(\.value) }
    }

    /// Lower-cases ASCII letters only: tags are ASCII and CloudFront compares them case-insensitively.
    static func asciiLowercased(_ text: String) -> String {
        String(decoding: text.utf8.map { (65...90).contains($0) ? $0 + 32 : $0 }, as: UTF8.self)
    }
}
