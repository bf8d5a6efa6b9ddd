/// Reads `git diff --name-status -z` and `git ls-tree -r --name-only -z` output.
///
/// With `-z` git prints names verbatim (no C-style quoting of spaces, quotes or non-ASCII) and separates fields with
/// NUL: `M\0path\0`, and for renames and copies `R100\0old\0new\0` / `C75\0old\0new\0` (git-diff(1), "RAW OUTPUT
/// FORMAT"). Both sides of a rename changed (the old URL must stop serving the file); a copy changes only the new one.
enum GitDiffParser {
    /// Changed paths (repository-relative), in order of appearance.
    static func changedPaths(nameStatus output: [UInt8], name: String) throws -> [String] {
        let fields = split(output)
        var paths: [String] = []
        var index = 0
        while index < fields.count {
            let status = fields[index]
            guard let letter = status.first else {
                throw malformed(name, detail: "an empty status field")
            }
            let pathCount: Int
            switch letter {
            case UInt8(ascii: "R"), UInt8(ascii: "C"): pathCount = 2
            case UInt8(ascii: "A"), UInt8(ascii: "M"), UInt8(ascii: "D"), UInt8(ascii: "T"), UInt8(ascii: "U"),
                UInt8(ascii: "X"), UInt8(ascii: "B"):
                pathCount = 1
            default:
                throw malformed(name, detail: "the unknown status '\(String(decoding: status, as: UTF8.self))'")
            }
            guard index + pathCount < fields.count else {
                throw malformed(name, detail: "a status without its path")
            }
            if letter == UInt8(ascii: "R") { paths.append(String(decoding: fields[index + 1], as: UTF8.self)) }
            paths.append(String(decoding: fields[index + pathCount], as: UTF8.self))
            index += pathCount + 1
        }
        return paths
    }

    /// Every path of a NUL-separated listing.
    static func listing(_ output: [UInt8]) -> [String] {
        split(output).map { String(decoding: $0, as: UTF8.self) }
    }

    /// NUL-separated fields; a trailing NUL ends the last field rather than starting an empty one.
    static func split(_ output: [UInt8]) -> [ArraySlice<UInt8>] {
        var fields = output.split(separator: 0, omittingEmptySubsequences: false)
        if fields.last?.isEmpty == true { fields.removeLast() }
        return fields
    }

    /// The error for output that is not what `git diff --name-status -z` prints.
    static func malformed(_ name: String, detail: String) -> ChangeListError {
        ChangeListError(
            input: name,
            message: "The output of \(name) is not 'git diff --name-status -z' output: it has \(detail). Check that no "
                + "git alias or configuration changes the diff format.")
    }
}
