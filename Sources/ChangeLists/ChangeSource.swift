/// Where the list of changed objects comes from (one per target: a flag or a YAML key).
public enum ChangeSource: Sendable, Equatable {
    /// `--from-s3-sync FILE`: the output of `aws s3 sync` / `cp` / `mv` / `rm`; `-` reads standard input.
    case s3SyncFile(String)
    /// The same output, already read (`name` is used in messages).
    case s3SyncOutput(String, name: String)
    /// `--from-git A..B --site-dir DIR`: files under DIR that differ between the commits, via git.
    case git(range: String, siteDirectory: String)
    /// `--from-dir DIR --manifest FILE`: files of DIR whose content hash differs from the previous manifest.
    case directory(String, manifest: String)
    /// Object keys given directly, with the full listing when known (tests, other tools).
    case keys([String], listing: [String]?, name: String)
}
