import ArgumentParser

extension CreateOptions {
    /// Words that are, or look like, this tool's commands. As a first bare argument they are almost surely a
    /// mistyped or not-yet-known subcommand, not an object to invalidate: `cloudfront-invalidate chek -d E1` must
    /// not become a billable invalidation of `/chek`.
    static let commandLikeWords: Set<String> = [
        "create", "wait", "status", "list", "validate", "check", "help", "version", "invalidate", "get", "ls",
    ]

    func validate() throws {
        try output.validate()
        try tenants.validate()
        _ = try targets.parsedTags()
        guard let first = positionalPaths.first, !first.hasPrefix("/"), !first.hasPrefix("#") else { return }
        let word = first.lowercased()
        let close = Self.commandLikeWords.first { Self.isWithinOneEdit(word, $0) }
        if let close {
            throw ValidationError(
                "'\(first)' looks like the command '\(close)', not a path; nothing was sent. "
                    + "Run 'cloudfront-invalidate \(close) --help', or write the path with its leading slash "
                    + "('/\(first)') if you really mean that object.")
        }
    }

    /// True when `a` becomes `b` with at most one insertion, deletion or substitution.
    static func isWithinOneEdit(_ a: String, _ b: String) -> Bool {
        let a = Array(a)
        let b = Array(b)
        guard abs(a.count - b.count) <= 1 else { return false }
        var i = 0
        var j = 0
        var edits = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                i += 1
                j += 1
                continue
            }
            edits += 1
            if edits > 1 { return false }
            if a.count > b.count {
                i += 1
            } else if a.count < b.count {
                j += 1
            } else {
                i += 1
                j += 1
            }
        }
        return edits + (a.count - i) + (b.count - j) <= 1
    }
}
