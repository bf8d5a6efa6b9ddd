import ChangeLists
import CloudFront
import Configuration
import Credentials
import ExitCodes
import Planning
import Reporting
import Resilience
import Transport
import Waiting

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs `create` (or `validate`): resolve inputs, plan, then create each batch and report the outcome.
struct CreateRunner: Sendable {
    let world: LiveWorld
    var reporter: any Reporter
    /// Builds the reporter for a log format named in the pipeline file (when neither `--log-format` nor
    /// `CLOUDFRONT_LOG_FORMAT` chose one); nil keeps `reporter`.
    var reporterForFileFormat: (@Sendable (String) -> any Reporter)? = nil
    /// `--distribution-tag` filters: narrow `-d` names to the distributions carrying every tag.
    var distributionTags: [String: String] = [:]
    /// `--check-first`: run `check` on every target and create nothing unless all pass.
    var checkFirst = false
    /// The signal handlers of this run, to name the signal in the log; nil when the run cannot be interrupted.
    let signals: SignalTrap?
    let credentialOptions: CredentialOptions

    /// The run's exit status; results go to stdout, the log to the reporter.
    func run(_ values: CommandLineValues, planOnly: Bool) async -> ExitStatus {
        let inputs: ResolvedInputs
        let plan: RunPlan
        do {
            inputs = try InputResolver(
                environment: world.environment, readFile: LiveWorld.readFile, readBytes: BoundedFileReader.contents,
                fileExists: BoundedFileReader.exists
            ).resolve(values)
            plan = try RunPlan.make(
                inputs: inputs, rootEntries: LiveWorld.directoryEntries("/"),
                workingDirectoryEntries: LiveWorld.directoryEntries("."),
                planChangeList: LiveChangeLists(environment: world.environment).plan)
        } catch {
            return failUsage(error, json: values.json ?? false)
        }
        var runner = self
        let formatChosenOutside = values.logFormat != nil || !(world.environment["CLOUDFRONT_LOG_FORMAT"] ?? "").isEmpty
        if !formatChosenOutside, inputs.logFormat != .auto, let rebuild = reporterForFileFormat {
            runner.reporter = rebuild(inputs.logFormat.rawValue)
        }
        return await runner.proceed(inputs: inputs, plan: plan, planOnly: planOnly)
    }

    /// Everything after the inputs are resolved and planned: print the plan, then create (unless planning only).
    private func proceed(inputs: ResolvedInputs, plan: RunPlan, planOnly: Bool) async -> ExitStatus {
        if let file = inputs.configFile { reporter.report(.notice("configuration: read \(file)")) }
        for notice in plan.notices { reporter.report(.notice(notice)) }
        for target in plan.targets {
            if let changePlan = target.changePlan {
                for line in changePlan.notices + changePlan.summaryLines {
                    reporter.report(.notice("\(target.target): \(line)"))
                }
                if let fallback = changePlan.fallbackMessage {
                    reporter.report(.warning("\(target.target): \(fallback)"))
                }
            }
            // An empty change list says "nothing to invalidate" in its summary lines.
            if !target.isNothingToInvalidate { reporter.report(.planned(target.summary)) }
        }

        if planOnly || inputs.dryRun {
            for target in plan.targets { reporter.report(.notice(target.waitPolicy)) }
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
        let resolvedPlan: RunPlan
        do {
            resolvedPlan = try await resolveNames(in: plan, client: client)
        } catch {
            return InspectSession.fail(error, reporter: reporter)
        }
        if checkFirst {
            var worst = ExitStatus.success
            for target in resolvedPlan.targets {
                let (status, verdict) = await CheckCommand.check(target.target, client: client)
                worst = worst.worsened(by: status)
                reporter.report(
                    status == .success
                        ? .notice("check: \(target.target): \(verdict)")
                        : .failed(target: target.target, message: "check failed, nothing was created: \(verdict)"))
            }
            if worst != .success { return worst }
        }
        return await create(resolvedPlan, inputs: inputs, client: client)
    }

    /// Replaces distributions named by domain (alias, `*.cloudfront.net` name, origin) with their IDs, listing the
    /// distributions once, and only when a name or a `--distribution-tag` needs it.
    private func resolveNames(in plan: RunPlan, client: CloudFrontClient) async throws(TargetResolver.Failure)
        -> RunPlan
    {
        var names: [String] = []
        for case .distribution(let name) in plan.targets.map(\.target) where !names.contains(name) {
            names.append(name)
        }
        guard !distributionTags.isEmpty || names.contains(where: { !DistributionMatcher.isDistributionID($0) }) else {
            return plan
        }
        let resolved = try await TargetResolver.resolve(
            distributionNames: names, tenantIDs: [], tags: distributionTags, client: client, reporter: reporter)
        var resolvedPlan = plan
        for index in resolvedPlan.targets.indices {
            guard case .distribution(let name) = resolvedPlan.targets[index].target,
                let position = names.firstIndex(of: name)
            else { continue }
            resolvedPlan.targets[index].target = resolved.targets[position]
        }
        return resolvedPlan
    }

    /// Submits every target's batches (targets concurrently, each within its own time limit), then waits for the
    /// targets that wait, all in one waiter, and prints the IDs.
    private func create(_ plan: RunPlan, inputs: ResolvedInputs, client: CloudFrontClient) async -> ExitStatus {
        let clock = SystemMonotonicClock()
        let start = clock.now()
        let deadlines = plan.targets.map { Deadline(start: start, timeout: .seconds($0.inputs.timeoutSeconds)) }
        let nonce = Self.randomNonce()
        let session = CreateSession(
            client: client, reporter: reporter, clock: clock, sleeper: TaskSleeper(), json: inputs.json)

        let outcomes = await withTaskGroup(of: (Int, TargetOutcome).self) { group in
            for (index, target) in plan.targets.enumerated() {
                let batches = target.batches.enumerated().map { batchIndex, paths in
                    BatchSubmitter.Batch(
                        paths: paths,
                        callerReference: CallerReference.make(
                            explicit: target.inputs.callerReference, target: target.target.description, paths: paths,
                            batchIndex: batchIndex, batchCount: target.batches.count, environment: world.environment,
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
                let result = try await Self.wait(
                    for: waiting, deadlines: deadlines, waiter: session.waiter(), startedAt: start)
                completedAfter = result.completed
                timedOutIDs = result.timedOut
            } catch is CancellationError {
                // Reported below, with the resume command.
            } catch let error as CloudFrontClientError {
                for index in Set(waiting.map(\.target)) { statuses[index] = statuses[index].worsened(by: .of(error)) }
                reporter.report(.failed(target: nil, message: "While waiting: " + Self.explain(error)))
            } catch {
                for index in Set(waiting.map(\.target)) { statuses[index] = statuses[index].worsened(by: .rejected) }
                reporter.report(.failed(target: nil, message: "While waiting: \(error)"))
            }
        }
        // Per target: batches that never got room before its deadline count as a timeout too.
        for (index, target) in plan.targets.enumerated() {
            let warnOnly = target.inputs.onTimeout == .warn
            let unsent = outcomes[index].unsent.count
            let late = outcomes[index].created.map(\.invalidation.id).filter(timedOutIDs.contains)
            if unsent > 0 {
                reporter.report(
                    .failed(
                        target: target.target,
                        message: "\(unsent) batch(es) were not submitted before the "
                            + "\(DurationText.format(seconds: target.inputs.timeoutSeconds)) limit because "
                            + "CloudFront's in-progress limits stayed full; run again later or raise the timeout."))
                statuses[index] = statuses[index].worsened(by: .timedOut)
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
        } else if plan.targets.count > 1 {
            reporter.report(.notice(Self.summary(plan, statuses: statuses)))
        }
        let document = ResultDocument(
            dryRun: false, exitCode: status.rawValue, invalidations: entries, billablePaths: plan.billablePaths,
            errors: outcomes.compactMap(\.errorMessage))
        finish(document, json: inputs.json)
        return status
    }

    /// Waits for every pending invalidation with one waiter, in rounds: each round runs to the earliest deadline
    /// still open, and the invalidations whose target has that deadline and are not Completed have timed out.
    /// Bounded: every round retires one distinct deadline (at most one per target).
    static func wait(
        for waiting: [(pending: PendingInvalidation, target: Int)], deadlines: [Deadline], waiter: InvalidationWaiter,
        startedAt start: Duration
    ) async throws -> (completed: [String: Double], timedOut: Set<String>) {
        var remaining = waiting
        var completed: [String: Double] = [:]
        var timedOut: Set<String> = []
        while let earliest = remaining.map({ deadlines[$0.target] }).min(by: { $0.instant < $1.instant }) {
            let outcome = try await waiter.wait(for: remaining.map(\.pending), startedAt: start, deadline: earliest)
            for (invalidation, elapsed) in outcome.completed { completed[invalidation.id] = elapsed.seconds }
            let stillInProgress = Set(outcome.inProgress)
            for item in remaining where stillInProgress.contains(item.pending) && deadlines[item.target] == earliest {
                timedOut.insert(item.pending.id)
            }
            remaining.removeAll { !stillInProgress.contains($0.pending) || deadlines[$0.target] == earliest }
        }
        return (completed, timedOut)
    }

    /// One line naming each target's outcome, so a multi-target log says which target failed how.
    static func summary(_ plan: RunPlan, statuses: [ExitStatus]) -> String {
        let parts = zip(plan.targets, statuses).map { target, status in "\(target.target) \(status.targetOutcome)" }
        return "Targets: " + parts.joined(separator: "; ") + "."
    }

    /// Rewrites each `--from-dir` manifest whose target had every batch accepted, so the next run compares with
    /// what is now live; a target that failed keeps its old manifest and is retried in full next time.
    private func commitManifests(of plan: RunPlan, outcomes: [TargetOutcome]) {
        for (target, outcome) in zip(plan.targets, outcomes) {
            guard let update = target.changePlan?.manifestUpdate, outcome.errorMessage == nil, outcome.unsent.isEmpty,
                !outcome.interrupted
            else { continue }
            do {
                try update.commit(using: LocalFileSystem())
                reporter.report(.detail("\(target.target): manifest \(update.path) updated"))
            } catch {
                reporter.report(
                    .warning(
                        "\(target.target): the invalidations were created, but the manifest \(update.path) could "
                            + "not be rewritten (\(error)); the next run will invalidate these changes again."))
            }
        }
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
            credentials: world.credentialProvider(options: credentialOptions, reporter: reporter),
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
        for message in messages { reporter.report(.refused(message: message)) }
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

/// Reads pipeline files for the resolver: at most `limit + 1` bytes, so an oversized file is refused without
/// being loaded, and standard input for "-".
enum BoundedFileReader {
    static func contents(of path: String, limit: Int) throws -> [UInt8] {
        let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY)
        guard descriptor >= 0 else { throw FileReadError(path: path) }
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        // Bounded by the limit: stops one byte past it.
        while bytes.count <= limit {
            let count = chunk.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress, min(buffer.count, limit + 1 - bytes.count))
            }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw FileReadError(path: path) }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        return bytes
    }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }
}
