import ArgumentParser
import CloudFront
import Configuration
import Credentials
import ExitCodes
import Reporting

/// `cloudfront-invalidate status -d ID --id INV`: print one invalidation's status.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Print one invalidation's status.")

    @OptionGroup var targets: TargetOptions

    @Option(name: .customLong("id"), help: ArgumentHelp("The invalidation ID.", valueName: "id"))
    var invalidationID: String

    @OptionGroup var credentials: CredentialOptions
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let world = LiveWorld()
        let reporter = world.reporter(output: output)
        let session = try await InspectSession.open(
            world: world, targets: targets, credentials: credentials, connection: connection, json: output.json,
            reporter: reporter)
        do {
            let invalidation = try await session.client.getInvalidation(target: session.target, id: invalidationID)
            reporter.report(.status(target: session.target, invalidation: invalidation))
            if session.json {
                let entry = ResultDocument.Entry(
                    target: session.target, id: invalidation.id, status: invalidation.status.rawValue,
                    callerReference: invalidation.callerReference, paths: invalidation.paths,
                    createTime: invalidation.createTime, elapsedSeconds: nil)
                let document = ResultDocument(
                    dryRun: false, exitCode: 0, invalidations: [entry], billablePaths: 0)
                StandardStreams.writeResult(document.json.rendered())
            } else {
                StandardStreams.writeResult(invalidation.status.rawValue)
            }
        } catch {
            reporter.report(.failed(target: session.target, message: CreateRunner.explain(error)))
            throw ExitCode(ExitStatus.of(error).rawValue)
        }
    }
}

/// `cloudfront-invalidate list -d ID [--limit N]`: recent invalidations, newest first.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List recent invalidations, newest first.")

    @OptionGroup var targets: TargetOptions

    @Option(name: .customLong("limit"), help: ArgumentHelp("How many to show (1–1000).", valueName: "n"))
    var limit: Int = 10

    @OptionGroup var credentials: CredentialOptions
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (1...1000).contains(limit) else {
            throw ValidationError("--limit must be between 1 and 1000, not \(limit).")
        }
    }

    func run() async throws {
        let world = LiveWorld()
        let reporter = world.reporter(output: output)
        let session = try await InspectSession.open(
            world: world, targets: targets, credentials: credentials, connection: connection, json: output.json,
            reporter: reporter)
        var items: [InvalidationSummary] = []
        var marker: String? = nil
        do {
            // Pages until `limit` items are seen; bounded by the limit and by CloudFront's page size.
            for _ in 0..<limit {
                let page = try await session.client.listInvalidations(
                    target: session.target, maxItems: min(100, limit - items.count), marker: marker)
                items += page.items
                guard page.isTruncated, let next = page.nextMarker, items.count < limit else { break }
                marker = next
            }
        } catch {
            reporter.report(.failed(target: session.target, message: CreateRunner.explain(error)))
            throw ExitCode(ExitStatus.of(error).rawValue)
        }
        items = Array(items.prefix(limit))
        if session.json {
            let entries = items.map {
                ResultDocument.Entry(
                    target: session.target, id: $0.id, status: $0.status.rawValue, callerReference: nil, paths: [],
                    createTime: $0.createTime, elapsedSeconds: nil)
            }
            StandardStreams.writeResult(
                ResultDocument(dryRun: false, exitCode: 0, invalidations: entries, billablePaths: 0).json.rendered())
        } else {
            for item in items {
                StandardStreams.writeResult("\(item.id)\t\(item.status.rawValue)\t\(item.createTime ?? "-")")
            }
        }
    }
}

/// The targets, client and credential provider of the commands that act on existing distributions (`status`,
/// `list`, `wait`, `check`): flags and environment resolved, `-d` domains and `--distribution-tag` looked up.
struct TargetSession {
    let targets: [InvalidationTarget]
    let client: CloudFrontClient
    let credentials: any CredentialProvider
    let json: Bool

    static func make(
        world: LiveWorld, targets options: TargetOptions, credentials: CredentialOptions,
        connection: ConnectionOptions, json: Bool, reporter: any Reporter
    ) async throws(TargetResolver.Failure) -> TargetSession {
        var values = CommandLineValues()
        values.distributionIDs = options.distributionIDs
        values.tenantIDs = options.tenantIDs
        values.endpointURL = connection.endpointURL
        values.json = json ? true : nil
        let inputs: ResolvedInputs
        let endpoint: CloudFrontEndpoint
        let tags: [String: String]
        do {
            inputs = try InputResolver(environment: world.environment, readFile: LiveWorld.readFile).resolve(values)
            endpoint = try CloudFrontEndpoint(parsing: inputs.endpointURL ?? CloudFrontEndpoint.standard)
            tags = try options.parsedTags()
        } catch {
            throw TargetResolver.Failure(status: .usage, message: InspectSession.usageMessage(error))
        }
        let provider = world.credentialProvider(options: credentials, reporter: reporter)
        let client = CloudFrontClient(
            endpoint: endpoint, transport: world.transport(), credentials: provider, now: LiveWorld.now)
        let (all, _) = try await TargetResolver.resolve(
            distributionNames: inputs.distributionIDs, tenantIDs: inputs.tenantIDs, tags: tags, client: client,
            reporter: reporter)
        return TargetSession(targets: all, client: client, credentials: provider, json: inputs.json)
    }
}

/// The single target and client that `status`, `list` and `wait` work on.
struct InspectSession {
    let target: InvalidationTarget
    let client: CloudFrontClient
    let json: Bool

    /// A target session that names exactly one distribution or tenant.
    static func make(
        world: LiveWorld, targets: TargetOptions, credentials: CredentialOptions, connection: ConnectionOptions,
        json: Bool, reporter: any Reporter
    ) async throws(TargetResolver.Failure) -> InspectSession {
        let session = try await TargetSession.make(
            world: world, targets: targets, credentials: credentials, connection: connection, json: json,
            reporter: reporter)
        guard session.targets.count == 1, let target = session.targets.first else {
            throw TargetResolver.Failure(
                status: .usage,
                message: "-d/--tenant-id: give exactly one distribution or tenant, not \(session.targets.count).")
        }
        return InspectSession(target: target, client: session.client, json: session.json)
    }

    /// `make`, or the failure reported and thrown as the command's exit code.
    static func open(
        world: LiveWorld, targets: TargetOptions, credentials: CredentialOptions, connection: ConnectionOptions,
        json: Bool, reporter: any Reporter
    ) async throws -> InspectSession {
        do {
            return try await make(
                world: world, targets: targets, credentials: credentials, connection: connection, json: json,
                reporter: reporter)
        } catch {
            throw ExitCode(fail(error, reporter: reporter).rawValue)
        }
    }

    /// Every configuration problem as one message.
    static func usageMessage(_ error: any Error) -> String {
        (error as? ConfigurationError)?.problems.map(\.description).joined(separator: "\n") ?? "\(error)"
    }

    /// Reports a resolution failure and returns its exit status.
    static func fail(_ failure: TargetResolver.Failure, reporter: any Reporter) -> ExitStatus {
        reporter.report(
            failure.status == .usage
                ? .refused(message: failure.message) : .failed(target: nil, message: failure.message))
        return failure.status
    }
}
