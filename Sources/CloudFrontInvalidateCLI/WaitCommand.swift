import ArgumentParser
import CloudFront
import Configuration
import ExitCodes
import Reporting
import Resilience
import Waiting

/// `cloudfront-invalidate wait -d ID --id INV [--id INV…]`: wait on existing invalidations.
struct WaitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wait", abstract: "Wait until existing invalidations are Completed.")

    @OptionGroup var targets: TargetOptions

    @Option(name: .customLong("id"), help: ArgumentHelp("An invalidation ID (repeatable).", valueName: "id"))
    var invalidationIDs: [String] = []

    @OptionGroup var limits: TimeoutOptions
    @OptionGroup var credentials: CredentialOptions
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if invalidationIDs.isEmpty { throw ValidationError("Give at least one --id INVALIDATION_ID to wait for.") }
    }

    func run() async throws {
        let world = LiveWorld()
        let reporter = world.reporter(output: output)
        var values = CommandLineValues()
        limits.apply(to: &values)
        let inputs: ResolvedInputs
        do {
            values.distributionIDs = targets.distributionIDs
            values.tenantIDs = targets.tenantIDs
            inputs = try InputResolver(environment: world.environment, readFile: LiveWorld.readFile).resolve(values)
        } catch {
            reporter.report(.refused(message: InspectSession.usageMessage(error)))
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        let session = try await InspectSession.open(
            world: world, targets: targets, credentials: credentials, connection: connection, json: output.json,
            reporter: reporter)
        let ids = invalidationIDs
        let status = await runCancellableOnSignal { trap in
            await Self.wait(for: ids, session: session, inputs: inputs, reporter: reporter, signals: trap)
        }
        throw ExitCode(status.rawValue)
    }

    /// Waits, prints each ID with its final status, and picks the exit status.
    static func wait(
        for ids: [String], session: InspectSession, inputs: ResolvedInputs, reporter: any Reporter,
        signals: SignalTrap
    ) async -> ExitStatus {
        let clock = SystemMonotonicClock()
        let start = clock.now()
        let createSession = CreateSession(
            client: session.client, reporter: reporter, clock: clock, sleeper: TaskSleeper(), json: session.json)
        let pending = ids.map { PendingInvalidation(target: session.target, id: $0) }
        let outcome: WaitOutcome
        do {
            outcome = try await createSession.waiter().wait(
                for: pending, startedAt: start,
                deadline: Deadline(start: start, timeout: .seconds(inputs.timeoutSeconds)))
        } catch is CancellationError {
            reporter.report(.interrupted(signal: signals.signalName, resume: resume(session.target, ids)))
            return .interrupted
        } catch let error as CloudFrontClientError {
            reporter.report(.failed(target: session.target, message: CreateRunner.explain(error)))
            return ExitStatus.of(error)
        } catch {
            reporter.report(.failed(target: session.target, message: "\(error)"))
            return .rejected
        }
        var status = ExitStatus.success
        if outcome.timedOut {
            let warnOnly = inputs.onTimeout == .warn
            reporter.report(
                .timedOut(
                    inProgress: outcome.inProgress.map(\.id),
                    resume: resume(session.target, outcome.inProgress.map(\.id)),
                    asWarning: warnOnly))
            status = warnOnly ? .success : .timedOut
        }
        let entries = pending.map { invalidation in
            let elapsed = outcome.completed[invalidation]
            return ResultDocument.Entry(
                target: session.target, id: invalidation.id,
                status: (elapsed == nil ? InvalidationStatus.inProgress : .completed).rawValue, callerReference: nil,
                paths: [], createTime: nil, elapsedSeconds: elapsed?.seconds)
        }
        let document = ResultDocument(
            dryRun: false, exitCode: status.rawValue, invalidations: entries, billablePaths: 0)
        reporter.report(.finished(document))
        if session.json {
            StandardStreams.writeResult(document.json.rendered())
        } else {
            for entry in entries { StandardStreams.writeResult("\(entry.id ?? "")\t\(entry.status ?? "")") }
        }
        return status
    }

    static func resume(_ target: InvalidationTarget, _ ids: [String]) -> String {
        let flag =
            switch target {
            case .distribution(let id): "-d \(id)"
            case .tenant(let id): "--tenant-id \(id)"
            }
        return "cloudfront-invalidate wait \(flag) " + ids.map { "--id \($0)" }.joined(separator: " ")
    }
}
