import CloudFront
import Configuration
import Credentials
import Reporting
import Resilience
import Transport

/// Runs `create` (or `validate`): resolve inputs, plan, then create each batch and report the outcome.
struct CreateRunner: Sendable {
    let world: LiveWorld
    let reporter: any Reporter

    /// The run's exit status; results go to stdout, the log to the reporter.
    func run(_ values: CommandLineValues, planOnly: Bool) async -> ExitStatus {
        let inputs: ResolvedInputs
        let plan: RunPlan
        do {
            inputs = try InputResolver(environment: world.environment, readFile: LiveWorld.readFile).resolve(values)
            plan = try RunPlan.make(
                inputs: inputs, rootEntries: LiveWorld.directoryEntries("/"),
                workingDirectoryEntries: LiveWorld.directoryEntries("."))
        } catch {
            return failUsage(error, json: values.json ?? false)
        }
        for notice in plan.notices { reporter.report(.notice(notice)) }
        for target in plan.targets { reporter.report(.planned(target.summary)) }

        if planOnly || inputs.dryRun {
            reporter.report(.notice("Dry run: nothing was sent."))
            let entries = plan.targets.flatMap { target in
                target.batches.map {
                    ResultDocument.Entry(
                        target: target.target, id: nil, status: nil, callerReference: nil, paths: $0, createTime: nil,
                        elapsedSeconds: nil)
                }
            }
            if inputs.json {
                let document = ResultDocument(
                    dryRun: true, exitCode: 0, invalidations: entries, billablePaths: plan.billablePaths)
                StandardStreams.writeResult(document.json.rendered())
            }
            return .success
        }

        let client: CloudFrontClient
        do {
            client = try makeClient(inputs)
        } catch {
            return failUsage(error, json: inputs.json)
        }
        return await create(plan, inputs: inputs, client: client)
    }

    /// Creates every batch of every target, one after the other, and prints the IDs.
    private func create(_ plan: RunPlan, inputs: ResolvedInputs, client: CloudFrontClient) async -> ExitStatus {
        var status = ExitStatus.success
        var entries: [ResultDocument.Entry] = []
        var errors: [String] = []
        let nonce = Self.randomNonce()
        targets: for target in plan.targets {
            for (index, batch) in target.batches.enumerated() {
                let reference = CallerReference.make(
                    explicit: inputs.callerReference, target: target.target.description, paths: batch,
                    batchIndex: index, batchCount: target.batches.count, environment: world.environment,
                    nonce: { nonce })
                let started = LiveWorld.now()
                do {
                    let invalidation = try await client.createInvalidation(
                        target: target.target, paths: batch, callerReference: reference)
                    reporter.report(
                        .created(
                            target: target.target, invalidation: invalidation, batch: index + 1,
                            batchCount: target.batches.count))
                    if !inputs.json { StandardStreams.writeResult(invalidation.id) }
                    entries.append(
                        ResultDocument.Entry(
                            target: target.target, id: invalidation.id, status: invalidation.status.rawValue,
                            callerReference: reference, paths: invalidation.paths.isEmpty ? batch : invalidation.paths,
                            createTime: invalidation.createTime, elapsedSeconds: LiveWorld.now() - started))
                } catch {
                    let failure = ExitStatus.of(error)
                    status = max(status, failure)
                    reporter.report(.failed(target: target.target, message: Self.explain(error)))
                    errors.append("\(target.target): \(Self.explain(error))")
                    // Credentials that fail for one target fail for all; stop instead of repeating the error.
                    if failure == .credentials { break targets }
                    continue targets
                }
            }
        }
        if inputs.json {
            let document = ResultDocument(
                dryRun: false, exitCode: status.rawValue, invalidations: entries, billablePaths: plan.billablePaths,
                errors: errors)
            StandardStreams.writeResult(document.json.rendered())
        }
        return status
    }

    /// The live client for these inputs.
    private func makeClient(_ inputs: ResolvedInputs) throws -> CloudFrontClient {
        let endpoint = try CloudFrontEndpoint(parsing: inputs.endpointURL ?? CloudFrontEndpoint.standard)
        let reporter = self.reporter
        return CloudFrontClient(
            endpoint: endpoint, transport: world.transport(),
            credentials: EnvironmentCredentialProvider(environment: world.environment),
            now: LiveWorld.now,
            onRetry: { notice in
                let seconds = Double(notice.delay.components.seconds) + Double(notice.delay.components.attoseconds) / 1e18
                reporter.report(
                    .retrying(operation: notice.operation, attempt: notice.attempt, delaySeconds: seconds, reason: notice.reason))
            })
    }

    /// Reports a configuration problem (every one of them) and returns exit 64.
    private func failUsage(_ error: any Error, json: Bool) -> ExitStatus {
        let messages = (error as? ConfigurationError)?.problems.map(\.description) ?? ["\(error)"]
        for message in messages { reporter.report(.failed(target: nil, message: message)) }
        if json {
            let document = ResultDocument(
                dryRun: false, exitCode: ExitStatus.usage.rawValue, invalidations: [], billablePaths: 0, errors: messages)
            StandardStreams.writeResult(document.json.rendered())
        }
        return .usage
    }

    /// A whole-sentence explanation of a client failure, with the fix where one is known.
    static func explain(_ error: CloudFrontClientError) -> String {
        switch ExitStatus.of(error) {
        case .credentials:
            if case .credentials = error { return error.description }
            return error.description
                + " Check that the credentials are valid and allow cloudfront:CreateInvalidation on this distribution."
        case .unavailable:
            return error.description + " CloudFront or the network stayed unavailable; try again later."
        default:
            if case .service(let service, _) = error, service.code == "NoSuchDistribution" {
                return error.description + " Check the distribution ID (-d)."
            }
            return error.description
        }
    }

    /// Twelve random hex digits: makes a CallerReference unique outside CI, shared by every retry within this run.
    static func randomNonce() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(generator.next() & 0xFFFF_FFFF_FFFF, radix: 16)
    }
}
