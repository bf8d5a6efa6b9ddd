import CloudFront
import Configuration
import Credentials
import ExitCodes
import Reporting

/// The targets, client and credential provider of the commands that act on existing distributions (`status`,
/// `list`, `wait`, `check`): flags and environment resolved, `-d` domains and `--distribution-tag` looked up.
public struct TargetSession: Sendable {
    public let targets: [InvalidationTarget]
    let client: CloudFrontClient
    let credentials: any CredentialProvider
    public let json: Bool

    /// What the command line names: `-d` values (IDs or domains), tenants, tags, the endpoint and `--json`.
    public struct Request: Sendable {
        public var distributionNames: [String]
        public var tenantIDs: [String]
        /// `--distribution-tag` filters, parsed.
        public var tags: [String: String]
        /// Why the `--distribution-tag` values could not be parsed: the session then fails as a usage error.
        public var tagsProblem: String?
        public var endpointURL: String?
        public var json: Bool
        public var credentials: CredentialChainSettings

        public init(
            distributionNames: [String], tenantIDs: [String], tags: [String: String], tagsProblem: String? = nil,
            endpointURL: String?, json: Bool, credentials: CredentialChainSettings
        ) {
            self.distributionNames = distributionNames
            self.tenantIDs = tenantIDs
            self.tags = tags
            self.tagsProblem = tagsProblem
            self.endpointURL = endpointURL
            self.json = json
            self.credentials = credentials
        }
    }

    /// Resolves the request in `world`; a failure carries its outcome and message.
    public static func make(
        _ request: Request, world: any RunWorld, reporter: any Reporter
    ) async throws(TargetResolver.Failure) -> TargetSession {
        var values = CommandLineValues()
        values.distributionIDs = request.distributionNames
        values.tenantIDs = request.tenantIDs
        values.endpointURL = request.endpointURL
        values.json = request.json ? true : nil
        let inputs: ResolvedInputs
        let provider = world.credentialProvider(settings: request.credentials, reporter: reporter)
        let client: CloudFrontClient
        do {
            inputs = try InputResolver(
                environment: world.environment, readFile: { try world.readTextFile($0) },
                readPaths: { try world.readPaths($0) }
            ).resolve(values)
            let endpoints = try EndpointCheck.check(endpointURL: inputs.endpointURL, environment: world.environment)
            for warning in endpoints.warnings { reporter.report(.warning(warning)) }
            client = try world.cloudFrontClient(
                endpointURL: inputs.endpointURL, credentials: provider, reporter: reporter, logsRetries: true)
        } catch {
            throw TargetResolver.Failure(status: .usage, message: Self.usageMessage(error))
        }
        if let problem = request.tagsProblem { throw TargetResolver.Failure(status: .usage, message: problem) }
        let (all, _) = try await TargetResolver.resolve(
            distributionNames: inputs.distributionIDs, tenantIDs: inputs.tenantIDs, tags: request.tags, client: client,
            reporter: reporter)
        return TargetSession(targets: all, client: client, credentials: provider, json: inputs.json)
    }

    /// The one target `status`, `list` and `wait` work on: exactly one distribution or tenant must be named.
    public func single() throws(TargetResolver.Failure) -> InvalidationTarget {
        guard targets.count == 1, let target = targets.first else {
            throw TargetResolver.Failure(
                status: .usage,
                message: "-d/--tenant-id: give exactly one distribution or tenant, not \(targets.count).")
        }
        return target
    }

    /// Every configuration problem as one message.
    public static func usageMessage(_ error: any Error) -> String {
        (error as? ConfigurationError)?.problems.map(\.description).joined(separator: "\n") ?? "\(error)"
    }
}
