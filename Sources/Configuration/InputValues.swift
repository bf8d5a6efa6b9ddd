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

    public init() {}
}

/// The inputs of a create run after flags and environment are merged (flags win).
public struct ResolvedInputs: Sendable, Equatable {
    public var distributionIDs: [String]
    public var tenantIDs: [String]
    /// Raw paths in the order given, before normalisation.
    public var paths: [String]
    /// Where the paths came from, for messages ("arguments", "CLOUDFRONT_PATHS", "paths file x.txt").
    public var pathsSource: String
    public var callerReference: String?
    public var dryRun: Bool
    public var json: Bool
    public var endpointURL: String?
    public var encodePaths: Bool
    public var wait: Bool
    /// The wait limit in whole seconds (default 30 minutes).
    public var timeoutSeconds: Int
    public var onTimeout: TimeoutPolicy
}

/// What a `--wait` that runs out of time does.
public enum TimeoutPolicy: String, Sendable, Equatable {
    /// Exit 124.
    case fail
    /// Exit 0 with a warning.
    case warn
}
