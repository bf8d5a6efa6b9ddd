import ArgumentParser
import CloudFront
import Configuration
import Credentials
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
        let reporter = world.reporter(verbosity: output.verbosity)
        let session: InspectSession
        do {
            session = try InspectSession(
                world: world, targets: targets, credentials: credentials, connection: connection, json: output.json)
        } catch {
            throw ExitCode(InspectSession.failUsage(error, reporter: reporter).rawValue)
        }
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
        let reporter = world.reporter(verbosity: output.verbosity)
        let session: InspectSession
        do {
            session = try InspectSession(
                world: world, targets: targets, credentials: credentials, connection: connection, json: output.json)
        } catch {
            throw ExitCode(InspectSession.failUsage(error, reporter: reporter).rawValue)
        }
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

/// The single target and client that `status` and `list` work on.
struct InspectSession {
    let target: InvalidationTarget
    let client: CloudFrontClient
    let json: Bool

    init(
        world: LiveWorld, targets: TargetOptions, credentials: CredentialOptions, connection: ConnectionOptions,
        json: Bool
    ) throws {
        var values = CommandLineValues()
        values.distributionIDs = targets.distributionIDs
        values.tenantIDs = targets.tenantIDs
        values.endpointURL = connection.endpointURL
        values.json = json ? true : nil
        let inputs = try InputResolver(environment: world.environment, readFile: LiveWorld.readFile).resolve(values)
        let all =
            inputs.distributionIDs.map(InvalidationTarget.distribution)
            + inputs.tenantIDs.map(InvalidationTarget.tenant)
        guard all.count == 1, let target = all.first else {
            throw ConfigurationError(
                location: "-d/--tenant-id", message: "give exactly one distribution or tenant, not \(all.count).")
        }
        self.target = target
        self.json = inputs.json
        let endpoint = try CloudFrontEndpoint(parsing: inputs.endpointURL ?? CloudFrontEndpoint.standard)
        client = CloudFrontClient(
            endpoint: endpoint, transport: world.transport(),
            credentials: world.credentialProvider(options: credentials), now: LiveWorld.now)
    }

    static func failUsage(_ error: any Error, reporter: any Reporter) -> ExitStatus {
        let messages = (error as? ConfigurationError)?.problems.map(\.description) ?? ["\(error)"]
        for message in messages { reporter.report(.failed(target: nil, message: message)) }
        return .usage
    }
}
