import CloudFront
import Configuration
import Credentials
import ExitCodes
import Planning
import Reporting

/// A `create` (or `validate`) run: resolve the inputs, plan, resolve distribution names, optionally check, create
/// every batch, wait, and report the outcome.
///
/// It never prints, reads the process or picks an exit code itself: the world and the reporter carry everything
/// out, and the returned status is the outcome the CLI turns into the exit code.
public struct CreateRun: Sendable {
    /// What the command line adds to the resolved inputs.
    public struct Options: Sendable {
        /// `--distribution-tag` filters: narrow `-d` names to the distributions carrying every tag.
        public var distributionTags: [String: String]
        /// `--check-first`: run `check` on every target and create nothing unless all pass.
        public var checkFirst: Bool
        /// Where credentials come from beyond the environment (`--profile`, `--role-arn`, …).
        public var credentials: CredentialChainSettings
        /// `--max-request-rate` and `--shard`, for runs that select tenants.
        public var tenantPacing: TenantPacing

        public init(
            distributionTags: [String: String] = [:], checkFirst: Bool = false,
            credentials: CredentialChainSettings = CredentialChainSettings(), tenantPacing: TenantPacing = .init()
        ) {
            self.distributionTags = distributionTags
            self.checkFirst = checkFirst
            self.credentials = credentials
            self.tenantPacing = tenantPacing
        }
    }

    let world: any RunWorld
    var reporter: any Reporter
    let options: Options
    /// Builds the reporter for a log format named in the pipeline file (when neither `--log-format` nor
    /// `CLOUDFRONT_LOG_FORMAT` chose one); nil keeps `reporter`.
    let reporterForFileFormat: (@Sendable (String) -> any Reporter)?

    public init(
        world: any RunWorld, reporter: any Reporter, options: Options = Options(),
        reporterForFileFormat: (@Sendable (String) -> any Reporter)? = nil
    ) {
        self.world = world
        self.reporter = reporter
        self.options = options
        self.reporterForFileFormat = reporterForFileFormat
    }

    /// Resolves `values` against the environment and pipeline file, plans, and unless `planOnly` (or `--dry-run`)
    /// creates and waits. Results go to the world's result channel, the log to the reporter.
    public func run(_ values: CommandLineValues, planOnly: Bool) async -> ExitStatus {
        let inputs: ResolvedInputs
        let plan: RunPlan
        let world = self.world
        do {
            inputs = try InputResolver(
                environment: world.environment, readFile: { try world.readTextFile($0) },
                readBytes: { try world.readFile($0, limit: $1) }, readPaths: { try world.readPaths($0) },
                fileExists: { world.fileExists($0) }
            ).resolve(values)
            plan = try RunPlan.make(
                inputs: inputs, rootEntries: world.directoryEntries("/"),
                workingDirectoryEntries: world.directoryEntries("."),
                planChangeList: ChangeListPlanning(world: world).plan)
            // validate and --dry-run refuse the endpoints create would refuse.
            let endpoints = try EndpointCheck.check(endpointURL: inputs.endpointURL, environment: world.environment)
            for warning in endpoints.warnings { reporter.report(.warning(warning)) }
        } catch {
            return refuse(error, json: values.json ?? false)
        }
        var run = self
        let formatChosenOutside = values.logFormat != nil || !(world.environment["CLOUDFRONT_LOG_FORMAT"] ?? "").isEmpty
        if !formatChosenOutside, inputs.logFormat != .auto, let rebuild = reporterForFileFormat {
            run.reporter = rebuild(inputs.logFormat.rawValue)
        }
        return await run.proceed(inputs: inputs, plan: plan, planOnly: planOnly)
    }

    /// Everything after the inputs are resolved and planned: report the plan, then create (unless planning only).
    private func proceed(inputs: ResolvedInputs, plan: RunPlan, planOnly: Bool) async -> ExitStatus {
        if let file = inputs.configFile { reporter.report(.notice("configuration: read \(file)")) }
        for notice in plan.notices { reporter.report(.notice(notice)) }
        if plan.targets.contains(where: { $0.inputs.tenants != nil }) {
            return await TenantRun(run: self).run(plan, inputs: inputs, planOnly: planOnly)
        }
        for target in plan.targets {
            if let changePlan = target.changePlan {
                // The summary lines end with the plan's notices ("Folded N URL paths into M …"): once each.
                for line in changePlan.summaryLines {
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
                dryRun: true, exitCode: ExitStatus.success.code, invalidations: entries, billablePaths: 0,
                plannedBillablePaths: plan.billablePaths)
            finish(document, json: inputs.json)
            return .success
        }

        let client: CloudFrontClient
        do {
            client = try world.cloudFrontClient(
                endpointURL: inputs.endpointURL,
                credentials: world.credentialProvider(settings: options.credentials, reporter: reporter),
                reporter: reporter, logsRetries: true)
        } catch {
            return refuse(error, json: inputs.json)
        }
        let resolvedPlan: RunPlan
        do {
            resolvedPlan = try await resolveNames(in: plan, client: client)
        } catch {
            return error.report(to: reporter)
        }
        if options.checkFirst {
            var worst = ExitStatus.success
            for target in resolvedPlan.targets {
                let (status, verdict) = await Preflight.check(target.target, client: client)
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
        let tags = options.distributionTags
        guard !tags.isEmpty || names.contains(where: { !DistributionMatcher.isDistributionID($0) }) else {
            return plan
        }
        let resolved = try await TargetResolver.resolve(
            distributionNames: names, tenantIDs: [], tags: tags, client: client, reporter: reporter)
        var resolvedPlan = plan
        for index in resolvedPlan.targets.indices {
            guard case .distribution(let name) = resolvedPlan.targets[index].target,
                let position = names.firstIndex(of: name)
            else { continue }
            resolvedPlan.targets[index].target = resolved.targets[position]
        }
        return resolvedPlan
    }

    /// Hands the result to the reporter (CI outputs) and writes it to the result channel with `--json`, redacted like
    /// the log.
    func finish(_ document: ResultDocument, json: Bool) {
        let document = document.redacted(reporter.redact)
        reporter.report(.finished(document))
        if json { world.writeResult(document.json.rendered()) }
    }

    /// Reports a configuration problem (every one of them): the usage outcome (exit 64), nothing sent.
    func refuse(_ error: any Error, json: Bool) -> ExitStatus {
        let refusals: [(message: String, position: AnnotationPosition?)] =
            (error as? ConfigurationError)?.problems.map { ($0.description, Self.annotationPosition($0.position)) }
            ?? [("\(error)", nil)]
        for refusal in refusals { reporter.report(.refused(message: refusal.message, position: refusal.position)) }
        let messages = refusals.map(\.message)
        let document = ResultDocument(
            dryRun: false, exitCode: ExitStatus.usage.code, invalidations: [], billablePaths: 0, errors: messages)
        finish(document, json: json)
        return .usage
    }

    /// Where a pipeline-file problem is, for CI annotations; none for standard input, which no CI can show.
    static func annotationPosition(_ position: FilePosition?) -> AnnotationPosition? {
        guard let position, position.file != PipelineFile.standardInputName else { return nil }
        return AnnotationPosition(file: position.file, line: position.line, column: position.column)
    }
}
