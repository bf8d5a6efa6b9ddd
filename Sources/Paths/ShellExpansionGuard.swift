/// Detects paths that are really an unquoted `/*` or `*` expanded by the shell, before they are sent.
///
/// `cloudfront-invalidate -d ID /*` without quotes reaches us as `/bin /boot /dev /etc …`, and CloudFront would
/// accept and bill every one while invalidating nothing useful. The directory listings are parameters (the CLI lists
/// `/` and the working directory; tests pass fixtures), so this type does no file-system access.
///
/// The rule, chosen so that real invalidations are never refused:
/// - Hidden entries (starting with `.`) are ignored in the listings, because the shell's `*` skips them.
/// - **Root:** the given paths of the form `/name` whose `name` is a visible entry of `/` are counted. The list is
///   refused when at least ``minimumMatches`` distinct entries match and they make up at least 80 % of the visible
///   entries of `/` (an expansion yields all of them; other paths given beside `/*` do not save it).
///   A site that really invalidates `/assets` and `/index.html` matches nothing in `/`; one that invalidates `/etc`
///   alone matches one entry of twenty.
/// - **Root, fallback:** when the shell ran somewhere else (`docker run image … /*` expands on the host, and the
///   container's `/` differs), the list is still refused when it has at least ``minimumWellKnownMatches`` items and
///   every one is `/name` with `name` a standard top-level directory of Linux (`bin`, `boot`, `dev`, `etc`, `proc`,
///   `sys`, `usr`, `var`, …): no web site consists solely of those.
/// - **Working directory:** the given items *without* a leading `/` that are entry names of the working directory
///   are counted, with the same thresholds (at least ``minimumMatches``, at least 80 % of the visible entries).
///   `*` never produces a leading `/`, so writing `/index.html /assets/*` is never refused, and a refused user who
///   meant those objects only has to add the `/`.
public enum ShellExpansionGuard {
    /// Fewest matching entries for a refusal: one or two directory names are too common to be evidence.
    public static let minimumMatches = 3
    /// Fewest items for the well-known-directories fallback.
    public static let minimumWellKnownMatches = 6

    /// Top-level directories of the Filesystem Hierarchy Standard and common distributions.
    static let wellKnownRootDirectories: Set<String> = [
        "bin", "boot", "dev", "etc", "home", "lib", "lib32", "lib64", "libx32", "lost+found", "media", "mnt", "opt",
        "proc", "root", "run", "sbin", "snap", "srv", "sys", "tmp", "usr", "var",
    ]

    /// Returns a refusal when `paths` (raw, as given on the command line) look like a shell-expanded `/*` or `*`.
    public static func check(
        paths: [String], rootEntries: Set<String>, workingDirectoryEntries: Set<String>
    ) -> GuardRefusal? {
        let items = paths.map { $0.trimmingSurroundingWhitespace() }.filter { !$0.isEmpty }
        let rootNames = items.compactMap(topLevelName)

        let visibleRoot = visible(rootEntries)
        let rootMatches = Set(rootNames).intersection(visibleRoot)
        if isLargeShare(rootMatches.count, of: visibleRoot.count) {
            return rootRefusal(matched: rootMatches.map { "/" + $0 }, total: items.count)
        }
        if items.count >= minimumWellKnownMatches, rootNames.count == items.count,
            Set(rootNames).isSubset(of: wellKnownRootDirectories)
        {
            return rootRefusal(matched: rootNames.map { "/" + $0 }, total: items.count)
        }

        let visibleCwd = visible(workingDirectoryEntries)
        let cwdMatches = Set(items.filter { !$0.hasPrefix("/") }).intersection(visibleCwd)
        if isLargeShare(cwdMatches.count, of: visibleCwd.count) {
            return cwdRefusal(matched: Array(cwdMatches), total: items.count)
        }
        return nil
    }

    /// `name` for an item `/name` with a single non-empty segment (no further `/`), else nil.
    static func topLevelName(_ item: String) -> String? {
        guard item.hasPrefix("/") else { return nil }
        let name = item.dropFirst()
        guard !name.isEmpty, !name.contains("/") else { return nil }
        return String(name)
    }

    /// Entries the shell's `*` would produce: not hidden, not empty.
    static func visible(_ entries: Set<String>) -> Set<String> {
        entries.filter { !$0.isEmpty && !$0.hasPrefix(".") }
    }

    /// At least ``minimumMatches`` matches that make up at least 80 % of the listing.
    static func isLargeShare(_ matches: Int, of listed: Int) -> Bool {
        matches >= minimumMatches && matches * 5 >= listed * 4
    }

    /// A few examples from a sorted list, for the message.
    static func sample(_ names: [String]) -> String {
        let shown = names.prefix(4).joined(separator: ", ")
        return names.count > 4 ? shown + ", …" : shown
    }

    /// The refusal for a `/*` expanded against the root directory.
    static func rootRefusal(matched: [String], total: Int) -> GuardRefusal {
        let sorted = Array(Set(matched)).sorted()
        return GuardRefusal(
            reason: .rootExpansion, matchedPaths: sorted,
            message: "The \(total) paths given (\(sample(sorted))) are the top-level directories of this machine's "
                + "file system: an unquoted /* was expanded by the shell before cloudfront-invalidate saw it, so "
                + "nothing was sent. Quote the wildcard so the shell passes it through, for example "
                + "cloudfront-invalidate -d ID '/*', or put the paths in a file and pass --paths-file FILE.")
    }

    /// The refusal for a `*` expanded in the working directory; adding a leading `/` is the way out.
    static func cwdRefusal(matched: [String], total: Int) -> GuardRefusal {
        let sorted = matched.sorted()
        return GuardRefusal(
            reason: .workingDirectoryExpansion, matchedPaths: sorted,
            message: "The \(total) paths given (\(sample(sorted))) are the entries of the working directory: an "
                + "unquoted * was expanded by the shell before cloudfront-invalidate saw it, so nothing was sent. "
                + "Quote the wildcard, for example cloudfront-invalidate -d ID '/*'; if you meant those objects, "
                + "write each with a leading '/' ('/\(sorted.first ?? "index.html")'), or list them in a file and "
                + "pass --paths-file FILE.")
    }
}
