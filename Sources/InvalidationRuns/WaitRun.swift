import CloudFront
import Configuration
import ExitCodes
import Reporting
import Resilience
import Waiting

/// `wait`: waits on existing invalidations of one target, reports each one's final status, and the outcome.
public struct WaitRun: Sendable {
    let world: any RunWorld
    let reporter: any Reporter

    public init(world: any RunWorld, reporter: any Reporter) {
        self.world = world
        self.reporter = reporter
    }

    /// The wait's limits (`--timeout`, `--on-timeout`, or their environment variables), resolved; a usage failure
    /// when they are malformed.
    public func limits(_ values: CommandLineValues) throws(TargetResolver.Failure) -> ResolvedInputs {
        do {
            return try InputResolver(
                environment: world.environment, readFile: { [world] in try world.readTextFile($0) },
                readPaths: { [world] in try world.readPaths($0) }
            )
            .resolve(values)
        } catch {
            throw TargetResolver.Failure(status: .usage, message: TargetSession.usageMessage(error))
        }
    }

    /// Waits for `ids` on the session's one target within the limits of `inputs`.
    public func run(
        for ids: [String], target: InvalidationTarget, session: TargetSession, inputs: ResolvedInputs
    ) async -> ExitStatus {
        let clock = world.clock
        let start = clock.now()
        let createSession = CreateSession(
            client: session.client, reporter: reporter, clock: clock, sleeper: world.sleeper, json: session.json,
            writeResult: { [world] in world.writeResult($0) })
        let pending = ids.map { PendingInvalidation(target: target, id: $0) }
        let outcome: WaitOutcome
        do {
            let deadline = Deadline(start: start, timeout: .seconds(inputs.timeoutSeconds))
            outcome = try await createSession.waiter(deadline: deadline).wait(
                for: pending, startedAt: start, deadline: deadline)
        } catch is CancellationError, CloudFrontClientError.cancelled {
            let signal = world.interruption
            reporter.report(
                .interrupted(signal: signal?.signalName ?? "SIGINT", resume: ResumeCommand.wait(target, ids: ids)))
            return signal?.status ?? .interrupted
        } catch let error as CloudFrontClientError {
            reporter.report(.failed(target: target, message: error.explanation))
            return ExitStatus.of(error)
        } catch {
            reporter.report(.failed(target: target, message: "\(error)"))
            return .rejected
        }
        var status = ExitStatus.success
        if outcome.timedOut {
            let warnOnly = inputs.onTimeout == .warn
            reporter.report(
                .timedOut(
                    inProgress: outcome.inProgress.map(\.id),
                    resume: ResumeCommand.wait(target, ids: outcome.inProgress.map(\.id)), asWarning: warnOnly))
            status = warnOnly ? .success : .timedOut
        }
        let entries = pending.map { invalidation in
            let elapsed = outcome.completed[invalidation]
            return ResultDocument.Entry(
                target: target, id: invalidation.id,
                status: (elapsed == nil ? InvalidationStatus.inProgress : .completed).rawValue, callerReference: nil,
                paths: [], createTime: nil, elapsedSeconds: elapsed?.seconds)
        }
        let document = ResultDocument(
            dryRun: false, exitCode: status.code, invalidations: entries, billablePaths: 0)
        reporter.report(.finished(document))
        if session.json {
            world.writeResult(document.redacted(reporter.redact).json.rendered())
        } else {
            for entry in entries { world.writeResult("\(entry.id ?? "")\t\(entry.status ?? "")") }
        }
        return status
    }
}
