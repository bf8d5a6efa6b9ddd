import ChangeLists
import CloudFront
import Configuration
import ExitCodes
import Planning
import Reporting
import Resilience
import Waiting

extension CreateRun {
    /// Why some of a target's batches were never sent, as what happened: a failure that stopped submission (said
    /// with what CloudFront answered), or the time limit passing while CloudFront's in-progress limits were full.
    static func unsentMessage(_ outcome: TargetOutcome, batchCount: Int, timeoutSeconds: Int) -> String {
        let unsent = outcome.unsent.count
        let failedBatch = batchCount - unsent
        if let failure = outcome.failure {
            return "\(unsent) of \(batchCount) batch(es) were not sent: batch \(failedBatch) failed, "
                + Self.whatHappened(failure) + ", so submission stopped. Run again to send the rest."
        }
        let limit = DurationText.format(seconds: timeoutSeconds)
        let reason =
            outcome.roomRefusals > 0
            ? "CloudFront answered TooManyInvalidationsInProgress \(outcome.roomRefusals) time(s) (other "
                + "invalidations of this target filled its in-progress limits)"
            : "this run's earlier batches were still in progress (CloudFront allows 3,000 file paths and 15 "
                + "wildcards in progress)"
        return "\(unsent) of \(batchCount) batch(es) were not sent before the \(limit) limit: \(reason). "
            + "Run again later or raise --timeout."
    }

    /// What a failure was, in a few words: "CloudFront answered Throttling 5 times".
    static func whatHappened(_ failure: CloudFrontClientError) -> String {
        switch failure {
        case .service(let service, let attempts):
            let code = service.code ?? "HTTP \(service.status)"
            return attempts > 1 ? "CloudFront answered \(code) \(attempts) times" : "CloudFront answered \(code)"
        case .transport(_, let attempts):
            return "CloudFront could not be reached (\(attempts) attempt(s))"
        case .credentials: return "no usable credentials were found"
        case .invalidResponse: return "CloudFront's answer could not be read"
        case .cancelled: return "the run was interrupted"
        }
    }

    /// Submits every target's batches (targets concurrently, each within its own time limit), then waits for the
    /// targets that wait, all in one waiter, and reports the outcome.
    func create(_ plan: RunPlan, inputs: ResolvedInputs, client: CloudFrontClient) async -> ExitStatus {
        let clock = world.clock
        let start = clock.now()
        let deadlines = plan.targets.map { Deadline(start: start, timeout: .seconds($0.inputs.timeoutSeconds)) }
        let nonce = Self.randomNonce()
        let environment = world.environment
        let session = CreateSession(
            client: client, reporter: reporter, clock: clock, sleeper: world.sleeper, json: inputs.json,
            writeResult: { [world] in world.writeResult($0) })

        let outcomes = await withTaskGroup(of: (Int, TargetOutcome).self) { group in
            for (index, target) in plan.targets.enumerated() {
                let batches = target.batches.enumerated().map { batchIndex, paths in
                    BatchSubmitter.Batch(
                        paths: paths,
                        callerReference: CallerReference.make(
                            explicit: target.inputs.callerReference, target: target.target.description, paths: paths,
                            batchIndex: batchIndex, batchCount: target.batches.count, environment: environment,
                            nonce: { nonce }))
                }
                let deadline = deadlines[index]
                group.addTask { (index, await session.submit(batches, to: target.target, deadline: deadline)) }
            }
            var collected: [(Int, TargetOutcome)] = []
            for await result in group { collected.append(result) }
            return collected.sorted { $0.0 < $1.0 }.map(\.1)
        }

        commitManifests(of: plan, outcomes: outcomes)
        var statuses = outcomes.map(\.status)
        let created = outcomes.flatMap(\.created)
        var completedAfter: [String: Double] = [:]
        var timedOutIDs: Set<String> = []
        var interrupted = Task.isCancelled || outcomes.contains { $0.interrupted }
        let waiting = plan.targets.indices.flatMap { index in
            plan.targets[index].inputs.wait
                ? outcomes[index].created.filter { !$0.invalidation.status.isCompleted }.map {
                    (pending: PendingInvalidation(target: $0.target, id: $0.invalidation.id), target: index)
                } : []
        }
        if !waiting.isEmpty && !interrupted {
            do {
                let latest = waiting.map { deadlines[$0.target] }.max { $0.instant < $1.instant }
                let result = try await Self.wait(
                    for: waiting, deadlines: deadlines, waiter: session.waiter(deadline: latest), startedAt: start)
                completedAfter = result.completed
                timedOutIDs = result.timedOut
            } catch is CancellationError, CloudFrontClientError.cancelled {
                // Reported below, with the resume command.
            } catch let error as CloudFrontClientError {
                for index in Set(waiting.map(\.target)) { statuses[index] = statuses[index].worsened(by: .of(error)) }
                reporter.report(.failed(target: nil, message: "While waiting: " + error.explanation))
            } catch {
                for index in Set(waiting.map(\.target)) { statuses[index] = statuses[index].worsened(by: .rejected) }
                reporter.report(.failed(target: nil, message: "While waiting: \(error)"))
            }
        }
        // Per target: batches that never got room before its deadline count as a timeout too; batches left
        // after a failure keep the failure's exit code.
        for (index, target) in plan.targets.enumerated() {
            let warnOnly = target.inputs.onTimeout == .warn
            let outcome = outcomes[index]
            let late = outcome.created.map(\.invalidation.id).filter(timedOutIDs.contains)
            if !outcome.unsent.isEmpty {
                reporter.report(
                    .failed(
                        target: target.target,
                        message: Self.unsentMessage(
                            outcome, batchCount: target.batches.count, timeoutSeconds: target.inputs.timeoutSeconds)))
                if outcome.failure == nil { statuses[index] = statuses[index].worsened(by: .timedOut) }
            } else if !late.isEmpty {
                statuses[index] = statuses[index].worsened(by: warnOnly ? .success : .timedOut)
            }
        }
        for warnOnly in [false, true] {
            let ids = plan.targets.indices.filter { (plan.targets[$0].inputs.onTimeout == .warn) == warnOnly }
                .flatMap { outcomes[$0].created.map(\.invalidation.id).filter(timedOutIDs.contains) }
            guard !ids.isEmpty else { continue }
            reporter.report(
                .timedOut(
                    inProgress: ids, resume: Self.resumeCommand(created, only: Set(ids)), asWarning: warnOnly))
        }
        var status = ExitStatus.worst(statuses)

        let entries = created.map { record in
            let completed = completedAfter[record.invalidation.id] != nil
            // After a wait, the time from CloudFront accepting the batch to Completed; else the time to create it.
            let waited = completedAfter[record.invalidation.id].map { max(0, $0 - record.elapsedSeconds) }
            return ResultDocument.Entry(
                target: record.target, id: record.invalidation.id,
                status: completed ? InvalidationStatus.completed.rawValue : record.invalidation.status.rawValue,
                callerReference: record.callerReference,
                paths: record.invalidation.paths.isEmpty ? record.paths : record.invalidation.paths,
                createTime: record.invalidation.createTime,
                elapsedSeconds: waited ?? record.elapsedSeconds)
        }
        let accepted = created.reduce(0) { $0 + $1.paths.count }
        interrupted = interrupted || Task.isCancelled
        if interrupted {
            let signal = world.interruption
            status = signal?.status ?? .interrupted
            reporter.report(
                .interrupted(
                    signal: signal?.signalName ?? "a signal",
                    resume: created.isEmpty ? nil : Self.resumeCommand(created, only: nil)))
        } else if plan.targets.count > 1 {
            reporter.report(.notice(Self.summary(plan, statuses: statuses)))
        }
        reporter.report(.notice(Self.billableLine(accepted: accepted, planned: plan.billablePaths)))
        let document = ResultDocument(
            dryRun: false, exitCode: status.code, invalidations: entries, billablePaths: accepted,
            plannedBillablePaths: plan.billablePaths, errors: outcomes.compactMap(\.errorMessage))
        finish(document, json: inputs.json)
        return status
    }

    /// The log's account of what the run costs: the paths CloudFront accepted, and the plan when they differ.
    static func billableLine(accepted: Int, planned: Int) -> String {
        let noun = accepted == 1 ? "path" : "paths"
        return accepted == planned
            ? "Billable paths: \(accepted) \(noun) accepted by CloudFront."
            : "Billable paths: \(accepted) \(noun) accepted by CloudFront of \(planned) planned."
    }

    /// Rewrites each `--from-dir` manifest whose target had every batch accepted, so the next run compares with
    /// what is now live; a target that failed keeps its old manifest and is retried in full next time.
    func commitManifests(of plan: RunPlan, outcomes: [TargetOutcome]) {
        for (target, outcome) in zip(plan.targets, outcomes) {
            guard let update = target.changePlan?.manifestUpdate, outcome.errorMessage == nil, outcome.unsent.isEmpty,
                !outcome.interrupted
            else { continue }
            do {
                try update.commit(using: world.changeListFiles)
                reporter.report(.detail("\(target.target): manifest \(update.path) updated"))
            } catch {
                reporter.report(
                    .warning(
                        "\(target.target): the invalidations were created, but the manifest \(update.path) could "
                            + "not be rewritten (\(error)); the next run will invalidate these changes again."))
            }
        }
    }

    /// Twelve random hex digits: makes a CallerReference unique outside CI, shared by every retry within this run.
    static func randomNonce() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(generator.next() & 0xFFFF_FFFF_FFFF, radix: 16)
    }
}
