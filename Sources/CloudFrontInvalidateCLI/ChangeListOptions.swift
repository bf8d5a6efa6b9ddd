import ArgumentParser
import Configuration

/// Paths computed from what changed, and how far to fold them.
struct ChangeListOptions: ParsableArguments {
    @Option(
        name: .customLong("from-s3-sync"),
        help: ArgumentHelp(
            "Object keys from `aws s3 sync`/`aws s3 cp` output (upload:, copy:, delete: lines; '-' = stdin).",
            valueName: "file"))
    var fromS3Sync: String?

    @Option(
        name: .customLong("from-git"),
        help: ArgumentHelp("Files changed between two commits (A..B) under --site-dir.", valueName: "range"))
    var fromGit: String?

    @Option(name: .customLong("site-dir"), help: ArgumentHelp("The site's folder in the repository.", valueName: "dir"))
    var siteDirectory: String?

    @Option(
        name: .customLong("from-dir"),
        help: ArgumentHelp(
            "Files of the built site whose content changed since the --manifest of the previous run.",
            valueName: "dir"))
    var fromDirectory: String?

    @Option(
        name: .customLong("manifest"),
        help: ArgumentHelp(
            "Content hashes of the previous run (rewritten after a successful create).", valueName: "file"))
    var manifest: String?

    @Option(
        name: .customLong("origin-path"),
        help: ArgumentHelp("Prefix stripped from object keys (prod/index.html → /index.html).", valueName: "prefix"))
    var originPath: String?

    @Option(name: .customLong("url-prefix"), help: ArgumentHelp("Prefix added to every URL path.", valueName: "prefix"))
    var urlPrefix: String?

    @Option(
        name: .customLong("index-document"),
        help: ArgumentHelp(
            "A changed dir/NAME also invalidates /dir/ (default index.html; '' turns it off).", valueName: "name"))
    var indexDocument: String?

    @Option(
        name: .customLong("max-paths"),
        help: ArgumentHelp(
            "Fold into at most N paths (and 15 wildcards) that still cover every change. Env: CLOUDFRONT_MAX_PATHS.",
            valueName: "n"))
    var maxPaths: String?

    func apply(to values: inout CommandLineValues) {
        values.changeList = ChangeListSettings(
            fromS3Sync: fromS3Sync, fromGit: fromGit, siteDirectory: siteDirectory, fromDirectory: fromDirectory,
            manifest: manifest, originPath: originPath, urlPrefix: urlPrefix, indexDocument: indexDocument)
        values.maxPaths = maxPaths
    }
}
