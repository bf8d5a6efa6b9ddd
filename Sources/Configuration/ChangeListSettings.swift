/// Where a target's paths come from when they are computed from what changed (the ChangeLists module reads
/// them); carried here so the file, the flags and the plan agree on one shape. Nil means "not set".
public struct ChangeListSettings: Sendable, Equatable {
    /// `aws s3 sync` / `aws s3 cp` output to read (`-` = standard input).
    public var fromS3Sync: String?
    /// A commit range `A..B` whose changes under ``siteDirectory`` are invalidated.
    public var fromGit: String?
    public var siteDirectory: String?
    /// A directory whose content hashes are compared with ``manifest``.
    public var fromDirectory: String?
    public var manifest: String?
    /// The origin path stripped from object keys (`prod/index.html` → `/index.html`).
    public var originPath: String?
    /// A prefix added in front of every computed path.
    public var urlPrefix: String?
    /// A changed `dir/NAME` also invalidates `/dir/`; empty turns this off.
    public var indexDocument: String?

    public init(
        fromS3Sync: String? = nil, fromGit: String? = nil, siteDirectory: String? = nil, fromDirectory: String? = nil,
        manifest: String? = nil, originPath: String? = nil, urlPrefix: String? = nil, indexDocument: String? = nil
    ) {
        self.fromS3Sync = fromS3Sync
        self.fromGit = fromGit
        self.siteDirectory = siteDirectory
        self.fromDirectory = fromDirectory
        self.manifest = manifest
        self.originPath = originPath
        self.urlPrefix = urlPrefix
        self.indexDocument = indexDocument
    }

    /// The sources that are set, by their YAML key (a target may use at most one).
    public var sourceKeys: [String] {
        [("from_s3_sync", fromS3Sync), ("from_git", fromGit), ("from_dir", fromDirectory)]
            .compactMap { $0.1 == nil ? nil : $0.0 }
    }

    /// True when a change-list source supplies the paths.
    public var hasSource: Bool { !sourceKeys.isEmpty }

    /// These settings where set, `base` elsewhere (a target over the file's top level).
    public func overriding(_ base: ChangeListSettings) -> ChangeListSettings {
        ChangeListSettings(
            fromS3Sync: fromS3Sync ?? base.fromS3Sync, fromGit: fromGit ?? base.fromGit,
            siteDirectory: siteDirectory ?? base.siteDirectory, fromDirectory: fromDirectory ?? base.fromDirectory,
            manifest: manifest ?? base.manifest, originPath: originPath ?? base.originPath,
            urlPrefix: urlPrefix ?? base.urlPrefix, indexDocument: indexDocument ?? base.indexDocument)
    }
}
