/// A pipeline file (`.cloudfront-invalidate.yml`) after reading, interpolation and validation.
///
/// Top-level settings are defaults for every target; a target's own settings override them. Flags and the
/// environment override both (see ``InputResolver``).
public struct PipelineFile: Sendable, Equatable {
    /// How messages name the file: its path, or `<stdin>`.
    public var name: String
    /// The top-level settings: defaults for every target.
    public var defaults: FileSettings
    public var logFormat: LogFormat?
    public var endpointURL: String?
    /// The `targets:` list; empty when the file has none (its settings then apply to `-d` targets).
    public var targets: [FileTarget]

    public init(
        name: String, defaults: FileSettings = .init(), logFormat: LogFormat? = nil, endpointURL: String? = nil,
        targets: [FileTarget] = []
    ) {
        self.name = name
        self.defaults = defaults
        self.logFormat = logFormat
        self.endpointURL = endpointURL
        self.targets = targets
    }
}

/// One entry of `targets:`.
public struct FileTarget: Sendable, Equatable {
    /// `file:line:column` of the entry, for messages.
    public var location: String
    /// Position in the list, from 0.
    public var index: Int
    public var distributionID: String?
    /// With a tenant ID the tenant operations are used (a distribution ID beside it is only a label).
    public var tenantID: String?
    /// `tenants:` — the tenants this target invalidates, selected at run time.
    public var tenants: TenantSelectionSettings?
    public var settings: FileSettings

    public init(
        location: String, index: Int, distributionID: String?, tenantID: String?, settings: FileSettings = .init(),
        tenants: TenantSelectionSettings? = nil
    ) {
        self.tenants = tenants
        self.location = location
        self.index = index
        self.distributionID = distributionID
        self.tenantID = tenantID
        self.settings = settings
    }

    /// The ID the target is addressed by (the tenant's, when there is one).
    public var id: String { tenantID ?? distributionID ?? tenants?.id ?? "" }

    /// `targets[1] (E2EXAMPLE)`: how messages name this target.
    public var label: String {
        "targets[\(index)] (\(tenantID ?? distributionID ?? tenants.map { "tenants of \($0.id)" } ?? "no ID"))"
    }
}

/// Settings a file may give at the top level or per target; nil means "not set here".
public struct FileSettings: Sendable, Equatable {
    public var paths: [String]?
    /// `file:line:column` of the `paths` list.
    public var pathsLocation: String?
    public var pathsFile: String?
    /// `file:line:column` of the `paths_file` value.
    public var pathsFileLocation: String?
    public var wait: Bool?
    public var timeoutSeconds: Int?
    public var onTimeout: TimeoutPolicy?
    public var maxPaths: Int?
    public var callerReference: String?
    /// false sends paths verbatim, like `--no-encode`.
    public var encode: Bool?
    public var changeList: ChangeListSettings

    public init(
        paths: [String]? = nil, pathsLocation: String? = nil, pathsFile: String? = nil,
        pathsFileLocation: String? = nil, wait: Bool? = nil, timeoutSeconds: Int? = nil,
        onTimeout: TimeoutPolicy? = nil, maxPaths: Int? = nil, callerReference: String? = nil, encode: Bool? = nil,
        changeList: ChangeListSettings = .init()
    ) {
        self.paths = paths
        self.pathsLocation = pathsLocation
        self.pathsFile = pathsFile
        self.pathsFileLocation = pathsFileLocation
        self.wait = wait
        self.timeoutSeconds = timeoutSeconds
        self.onTimeout = onTimeout
        self.maxPaths = maxPaths
        self.callerReference = callerReference
        self.encode = encode
        self.changeList = changeList
    }
}
