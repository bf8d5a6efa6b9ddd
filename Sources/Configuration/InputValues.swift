/// What the user set on the command line; nil or empty means "not given", so the environment may supply it.
public struct CommandLineValues: Sendable, Equatable {
    public var distributionIDs: [String] = []
    public var tenantIDs: [String] = []
    public var paths: [String] = []
    public var pathsFile: String?
    public var callerReference: String?
    public var dryRun: Bool?
    public var json: Bool?
    public var endpointURL: String?
    public var noEncode: Bool = false
    public var wait: Bool?
    public var timeout: String?
    public var onTimeout: String?
    /// `--max-paths N`, as typed.
    public var maxPaths: String?
    /// `--from-s3-sync`, `--from-git`, `--site-dir`, `--from-dir`, `--manifest`, `--origin-path`, `--url-prefix`,
    /// `--index-document`: they override the pipeline file's change-list keys for every target.
    public var changeList = ChangeListSettings()
    /// `--log-format`, as typed.
    public var logFormat: String?
    /// `-c/--config FILE` (`-` = standard input).
    public var config: String?
    /// Whether this command reads a pipeline file at all (`create` and `validate` do; `status`, `list` and `wait`
    /// act on one given distribution and ignore it).
    public var readsPipelineFile = false
    /// `--tenants-of`/`--tenants-in-group` with `--tenant-domain` and `--tenant-tag`.
    public var tenantSelection: TenantSelectionSettings?

    public init() {}
}

/// The inputs of a run after flags, environment and the pipeline file are merged
/// (flags > environment > file > defaults), one ``TargetInputs`` per target.
public struct ResolvedInputs: Sendable, Equatable {
    public var targets: [TargetInputs]
    public var dryRun: Bool
    public var json: Bool
    public var logFormat: LogFormat
    public var endpointURL: String?
    /// The pipeline file that was read (its name as given, `<stdin>` for `-`), if any.
    public var configFile: String?

    public init(
        targets: [TargetInputs], dryRun: Bool = false, json: Bool = false, logFormat: LogFormat = .auto,
        endpointURL: String? = nil, configFile: String? = nil
    ) {
        self.targets = targets
        self.dryRun = dryRun
        self.json = json
        self.logFormat = logFormat
        self.endpointURL = endpointURL
        self.configFile = configFile
    }

    /// The distribution IDs of the targets that use the distribution operations.
    public var distributionIDs: [String] { targets.compactMap { $0.tenantID == nil ? $0.distributionID : nil } }
    /// The tenant IDs of the targets that use the tenant operations.
    public var tenantIDs: [String] { targets.compactMap(\.tenantID) }

    // The first target's settings: every target shares them unless a pipeline file set them per target
    // (`wait` and `status` use these).
    public var paths: [String] { targets.first?.paths ?? [] }
    public var pathsSource: String { targets.first?.pathsSource ?? "arguments" }
    public var callerReference: String? { targets.first?.callerReference }
    public var encodePaths: Bool { targets.first?.encodePaths ?? true }
    public var wait: Bool { targets.first?.wait ?? false }
    public var timeoutSeconds: Int { targets.first?.timeoutSeconds ?? InputResolver.defaultTimeoutSeconds }
    public var onTimeout: TimeoutPolicy { targets.first?.onTimeout ?? .fail }
}

/// One target's resolved settings.
public struct TargetInputs: Sendable, Equatable {
    public var distributionID: String?
    /// When set, the tenant operations are used (a distribution ID beside it is only a label).
    public var tenantID: String?
    /// Where the target was defined (`file:line:column`), nil for `-d`/`--tenant-id`/environment targets.
    public var location: String?
    /// Raw paths in the order given, before normalisation.
    public var paths: [String]
    /// Where the paths came from, for messages ("arguments", "CLOUDFRONT_PATHS", "paths file x.txt", "file.yml").
    public var pathsSource: String
    public var callerReference: String?
    public var encodePaths: Bool
    public var wait: Bool
    /// The wait limit in whole seconds (default 30 minutes).
    public var timeoutSeconds: Int
    public var onTimeout: TimeoutPolicy
    /// Above this many paths, fold into wildcards (carried for the change-list planner).
    public var maxPaths: Int?
    /// Change-list sources and options (carried for the change-list planner).
    public var changeList: ChangeListSettings
    /// When set, the target invalidates every tenant this selects (listed at run time).
    public var tenants: TenantSelectionSettings? = nil

    public init(
        distributionID: String? = nil, tenantID: String? = nil, location: String? = nil, paths: [String] = [],
        pathsSource: String = "arguments", callerReference: String? = nil, encodePaths: Bool = true,
        wait: Bool = false, timeoutSeconds: Int = InputResolver.defaultTimeoutSeconds, onTimeout: TimeoutPolicy = .fail,
        maxPaths: Int? = nil, changeList: ChangeListSettings = .init()
    ) {
        self.distributionID = distributionID
        self.tenantID = tenantID
        self.location = location
        self.paths = paths
        self.pathsSource = pathsSource
        self.callerReference = callerReference
        self.encodePaths = encodePaths
        self.wait = wait
        self.timeoutSeconds = timeoutSeconds
        self.onTimeout = onTimeout
        self.maxPaths = maxPaths
        self.changeList = changeList
    }

    /// The ID the target is addressed by (the tenant's, when there is one).
    public var id: String { tenantID ?? distributionID ?? "" }
}

/// What a `--wait` that runs out of time does.
public enum TimeoutPolicy: String, Sendable, Equatable, CaseIterable {
    /// Exit 124.
    case fail
    /// Exit 0 with a warning.
    case warn
}
