import CloudFront
import Configuration
import Credentials
import Reporting
import Resilience
import Transport
import Waiting

/// Runs `create` (or `validate`): resolve inputs, plan, then create each batch and report the outcome.
struct CreateRunner: Sendable {
    let world: LiveWorld
    let reporter: any Reporter
    /// The signal handlers of this run, to name the signal in the log; nil when the run cannot be interrupted.
    let signals: SignalTrap?
    let credentialOptions: CredentialOptions

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
            let document = ResultDocument(
                dryRun: true, exitCode: 0, invalidations: entries, billablePaths: plan.billablePaths)
            finish(document, json: inputs.json)
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

    /// Submits every target's batches (targets concurrently), then waits when asked, and prints the IDs.
    private func create(_ plan: RunPlan, inputs: ResolvedInputs, client: CloudFrontClient) async -> ExitStatus {
        let clock = SystemMonotonicClock()
        let start = clock.now()
        let deadline = Deadline(start: start, timeout: .seconds(inputs.timeoutSeconds))
        let nonce = Self.randomNonce()
        let session = CreateSession(
            client: client, reporter: reporter, clock: clock, sleeper: TaskSleeper(), json: inputs.json)

        let outcomes = await withTaskGroup(of: (Int, TargetOutcome).self) { group in
            for (index, target) in plan.targets.enumerated() {
                let batches = target.batches.enumerated().map { batchIndex, paths in
                    BatchSubmitter.Batch(
                        paths: paths,
                        callerReference: CallerReference.make(
                            explicit: inputs.callerReference, target: target.target.description, paths: paths,
                            batchIndex: batchIndex, batchCount: target.batches.count, environment: world.environment,
                            nonce: { nonce }))
                }
                group.addTask { (index, await session.submit(batches, to: target.target, deadline: deadline)) }
            }
            var collected: [(Int, TargetOutcome)] = []
            for await result in group { collected.append(result) }
            return collected.sorted { $0.0 < $1.0 }.map(\.1)
        }

        var status = outcomes.map(\.status).max() ?? .success
        let created = outcomes.flatMap(\.created)
        var completedAfter: [String: Double] = [:]
        var timedOutIDs: [String] = []
        var interrupted = Task.isCancelled || outcomes.contains { $0.interrupted }
        if inputs.wait && !created.isEmpty && !interrupted {
            let pending = created.filter { !$0.invalidation.status.isCompleted }.map {
                PendingInvalidation(target: $0.target, id: $0.invalidation.id)
            }
            do {
                let outcome = try await session.waiter().wait(for: pending, startedAt: start, deadline: deadline)
                for (invalidation, elapsed) in outcome.completed { completedAfter[invalidation.id] = elapsed.seconds }
                timedOutIDs = outcome.inProgress.map(\.id)
            } catch is CancellationError {
                // Reported below, with the resume command.
            } catch let error as CloudFrontClientError {
                status = max(status, ExitStatus.of(error))
                reporter.report(.failed(target: nil, message: "While waiting: " + Self.explain(error)))
            } catch {
                status = max(status, .rejected)
                reporter.report(.failed(target: nil, message: "While waiting: \(error)"))
            }
        }
        // Batches that never got room before the deadline count as a timeout too.
        let unsentCount = outcomes.reduce(0) { $0 + $1.unsent.count }
        if !timedOutIDs.isEmpty || unsentCount > 0 {
            let warnOnly = inputs.onTimeout == .warn
            if unsentCount > 0 {
                reporter.report(
                    .failed(
                        target: nil,
                        message:
                            "\(unsentCount) batch(es) were not submitted before the \(DurationText.format(seconds: inputs.timeoutSeconds)) "
                            + "limit because CloudFront's in-progress limits stayed full; run again later or raise --timeout."
                    ))
                status = max(status, .timedOut)
            } else {
                status = max(status, warnOnly ? .success : .timedOut)
            }
            if !timedOutIDs.isEmpty {
                reporter.report(
                    .timedOut(
                        inProgress: timedOutIDs, resume: Self.resumeCommand(created, only: Set(timedOutIDs)),
                        asWarning: warnOnly))
            }
        }

        let entries = created.map { record in
            let completed = completedAfter[record.invalidation.id] != nil
            return ResultDocument.Entry(
                target: record.target, id: record.invalidation.id,
                status: completed ? InvalidationStatus.completed.rawValue : record.invalidation.status.rawValue,
                callerReference: record.callerReference,
                paths: record.invalidation.paths.isEmpty ? record.paths : record.invalidation.paths,
                createTime: record.invalidation.createTime,
                elapsedSeconds: completedAfter[record.invalidation.id] ?? record.elapsedSeconds)
        }
        interrupted = interrupted || Task.isCancelled
        if interrupted {
            status = signals?.exitStatus ?? .interrupted
            reporter.report(
                .interrupted(
                    signal: signals?.signalName ?? "a signal",
                    resume: created.isEmpty ? nil : Self.resumeCommand(created, only: nil)))
        }
        let document = ResultDocument(
            dryRun: false, exitCode: status.rawValue, invalidations: entries, billablePaths: plan.billablePaths,
            errors: outcomes.compactMap(\.errorMessage))
        finish(document, json: inputs.json)
        return status
    }

    /// Hands the result to the reporter (CI outputs) and prints it with `--json`.
    func finish(_ document: ResultDocument, json: Bool) {
        reporter.report(.finished(document))
        if json { StandardStreams.writeResult(document.json.rendered()) }
    }

    /// `cloudfront-invalidate wait …` for the given invalidations (those in `only`, when given).
    static func resumeCommand(_ created: [CreatedInvalidation], only: Set<String>?) -> String {
        let chosen = created.filter { only?.contains($0.invalidation.id) ?? true }
        let byTarget = Dictionary(grouping: chosen, by: \.target)
        return byTarget.keys.sorted { $0.description < $1.description }.map { target in
            let flag =
                switch target {
                case .distribution(let id): "-d \(id)"
                case .tenant(let id): "--tenant-id \(id)"
                }
            let ids = byTarget[target, default: []].map { "--id \($0.invalidation.id)" }.joined(separator: " ")
            return "cloudfront-invalidate wait \(flag) \(ids)"
        }.joined(separator: " && ")
    }

    /// The live client for these inputs.
    private func makeClient(_ inputs: ResolvedInputs) throws -> CloudFrontClient {
        let endpoint = try CloudFrontEndpoint(parsing: inputs.endpointURL ?? CloudFrontEndpoint.standard)
        let reporter = self.reporter
        return CloudFrontClient(
            endpoint: endpoint, transport: world.transport(),
            credentials: world.credentialProvider(options: credentialOptions),
            now: LiveWorld.now,
            onRetry: { notice in
                reporter.report(
                    .retrying(
                        operation: notice.operation, attempt: notice.attempt, delaySeconds: notice.delay.seconds,
                        reason: notice.reason))
            })
    }

    /// Reports a configuration problem (every one of them) and returns exit 64.
    private func failUsage(_ error: any Error, json: Bool) -> ExitStatus {
        let messages = (error as? ConfigurationError)?.problems.map(\.description) ?? ["\(error)"]
        for message in messages { reporter.report(.failed(target: nil, message: message)) }
        let document = ResultDocument(
            dryRun: false, exitCode: ExitStatus.usage.rawValue, invalidations: [], billablePaths: 0, errors: messages)
        finish(document, json: json)
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
