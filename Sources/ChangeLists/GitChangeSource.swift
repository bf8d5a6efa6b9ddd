/// A git range `A..B` read in the site directory DIR: the files under DIR added, modified, deleted or renamed between two commits.
///
/// Runs `git rev-parse --show-prefix` (where DIR sits in the repository), `git diff --name-status -z --find-renames
/// --no-relative A..B` (repository-relative names, both sides of renames) and `git ls-tree -r --name-only -z
/// --full-tree B` (the full listing, so evictions can be counted), all in DIR. When A is the all-zero commit (the
/// "before" of a branch's first push on GitHub), every file of B counts as changed.
enum GitChangeSource {
    /// Reads the changes of `range` under `siteDirectory`.
    static func gather(range: String, siteDirectory: String, git: some GitRunner) throws -> ChangeSet {
        let (from, to) = try split(range)
        let prefixOutput = try git.run(["rev-parse", "--show-prefix"], in: siteDirectory)
        var prefix = String(decoding: prefixOutput, as: UTF8.self)
        while prefix.hasSuffix("\n") || prefix.hasSuffix("\r") { prefix.removeLast() }
        let listingOutput = try git.run(["ls-tree", "-r", "--name-only", "-z", "--full-tree", to], in: siteDirectory)
        let listing = under(prefix, GitDiffParser.listing(listingOutput))
        if from.allSatisfy({ $0 == "0" }) {
            return ChangeSet(
                keys: ByteStrings(listing), listing: ByteStrings(listing),
                notices: [
                    "The range '\(range)' starts at the all-zero commit (a new branch): every file under "
                        + "'\(siteDirectory)' in \(to) counts as changed."
                ])
        }
        let diff = try git.run(
            ["diff", "--name-status", "-z", "--no-color", "--no-ext-diff", "--find-renames", "--no-relative", range],
            in: siteDirectory)
        let changed = under(prefix, try GitDiffParser.changedPaths(nameStatus: diff, name: "git diff \(range)"))
        return ChangeSet(keys: ByteStrings(changed), listing: ByteStrings(listing))
    }

    /// `A..B` or `A...B` as (A, B), with B defaulting to HEAD as in git.
    static func split(_ range: String) throws -> (String, String) {
        guard !range.hasPrefix("-"), !range.contains(where: { $0 == " " || $0 == "\n" }) else {
            throw ChangeListError(
                .gitRange, message: "The range '\(range)' is not a commit range.", fix: .giveCommitRange)
        }
        let separator = range.contains("...") ? "..." : ".."
        guard let found = range.firstRange(of: separator) else {
            throw ChangeListError(.gitRange, message: "The range '\(range)' has no '..'.", fix: .giveCommitRange)
        }
        let from = String(range[..<found.lowerBound])
        let to = String(range[found.upperBound...])
        guard !from.isEmpty else {
            throw ChangeListError(
                .gitRange, message: "The range '\(range)' has no first commit.", fix: .giveCommitRange)
        }
        return (from, to.isEmpty ? "HEAD" : to)
    }

    /// The paths below `prefix` (a directory with its trailing `/`, or empty), with the prefix removed.
    static func under(_ prefix: String, _ paths: [String]) -> [String] {
        guard !prefix.isEmpty else { return paths }
        return paths.compactMap { $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : nil }
    }
}
