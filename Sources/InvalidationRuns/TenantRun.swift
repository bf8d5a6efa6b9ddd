import CloudFront
import Configuration
import ExitCodes
import Planning
import Reporting
import Resilience
import TenantFanOut

/// `--max-request-rate` and `--shard`: how a tenant fan-out paces itself and which share of the tenants it takes.
public struct TenantPacing: Sendable, Equatable {
    /// Requests per second the run never exceeds (it also adapts to throttling below this by itself).
    public var maxRequestRate: Double?
    /// This job's share of the selected tenants, for CI matrices.
    public var shard: ShardSpec?
    /// Requests in flight at once: the gate's bound, and as many fan-out workers. Tests on a manual clock use 1, so
    /// time moves only when the one worker sleeps (idle workers would otherwise advance it while a request is out).
    public var concurrency: Int

    public init(maxRequestRate: Double? = nil, shard: ShardSpec? = nil, concurrency: Int = 16) {
        self.maxRequestRate = maxRequestRate
        self.shard = shard
        self.concurrency = max(1, concurrency)
    }
}

/// A create (or validate, or dry run) whose targets select tenants: list and select them, then create one
/// invalidation per tenant and wait, all through one adaptive request rate, and report counts, not thousands of
/// lines.
///
/// It runs inside a ``CreateRun`` (whose world, reporter, `refuse` and `finish` it uses) once the plan shows that
/// the targets select tenants.
struct TenantRun: Sendable {
    let run: CreateRun
    /// Tenant IDs a log line names before "and N more".
    static let shownIDs = 10

    var reporter: any Reporter { run.reporter }
    var world: any RunWorld { run.world }
    var pacing: TenantPacing { run.options.tenantPacing }

    /// One target's selection.
    struct Selected: Sendable {
        var target: RunPlan.TargetPlan
        var criteria: TenantCriteria
        var tenantIDs: [String]
    }

    /// Lists and selects the tenants of every target, then lists them (dry run, `validate`) or fans out.
    func run(_ plan: RunPlan, inputs: ResolvedInputs, planOnly: Bool) async -> ExitStatus {
        if plan.targets.contains(where: { $0.inputs.tenants == nil }) {
            return run.refuse(
                ConfigurationError(
                    location: "targets",
                    message: "a run that selects tenants (--tenants-of, --tenants-in-group, tenants:) cannot also "
                        + "invalidate single distributions or tenants; run them as two steps."),
                json: inputs.json)
        }
        if run.options.checkFirst {
            reporter.report(
                .warning(
                    "--check-first checks single targets; a run that selects tenants checks by listing them "
                        + "(ListDistributionTenants fails first when credentials or permissions are wrong)."))
        }
        let clock = world.clock
        let gate = RequestGate(
            settings: .init(maxRate: pacing.maxRequestRate), maxConcurrent: pacing.concurrency,
            now: { clock.now().seconds })
        let client: CloudFrontClient
        do {
            client = try world.cloudFrontClient(
                endpointURL: inputs.endpointURL,
                credentials: world.credentialProvider(settings: run.options.credentials, reporter: reporter),
                reporter: reporter, logsRetries: true, gate: gate)
        } catch {
            return run.refuse(error, json: inputs.json)
        }

        var selected: [Selected] = []
        for target in plan.targets {
            guard let settings = target.inputs.tenants else { continue }
            let criteria = TenantCriteria(
                association: settings.distributionID.map(TenantAssociation.distribution)
                    ?? .connectionGroup(settings.connectionGroupID ?? ""),
                domains: settings.domains.map(DomainGlob.init), tags: settings.tags, shard: pacing.shard)
            let paths = target.paths.prefix(5).joined(separator: " ") + (target.paths.count > 5 ? " …" : "")
            reporter.report(
                .notice(
                    "\(criteria.description): each gets \(target.paths.count) path(s) in \(target.batches.count) "
                        + "batch(es): \(paths)"))
            let selection: TenantSelector.Selection
            do {
                selection = try await Self.selector(client, concurrency: pacing.concurrency).select(criteria)
            } catch {
                if error.isCancellation || Task.isCancelled { return interrupted(inputs: inputs) }
                reporter.report(.failed(target: nil, message: "Listing \(criteria.description): " + error.explanation))
                return ExitStatus.of(error)
            }
            report(selection, criteria: criteria)
            selected.append(Selected(target: target, criteria: criteria, tenantIDs: selection.tenantIDs))
        }

        if planOnly || inputs.dryRun {
            for item in selected { reporter.report(.notice(Self.waitPolicy(item))) }
            reporter.report(.notice("Dry run: only tenants were listed; no invalidation was created."))
            let entries = selected.flatMap { item in
                item.tenantIDs.flatMap { tenant in
                    item.target.batches.map {
                        ResultDocument.Entry(
                            target: .tenant(tenant), id: nil, status: nil, callerReference: nil, paths: $0,
                            createTime: nil, elapsedSeconds: nil)
                    }
                }
            }
            let planned = selected.reduce(0) { $0 + $1.tenantIDs.count * $1.target.billablePaths }
            run.finish(
                ResultDocument(
                    dryRun: true, exitCode: ExitStatus.success.code, invalidations: entries, billablePaths: 0,
                    plannedBillablePaths: planned),
                json: inputs.json)
            return .success
        }
        return await fanOut(selected, inputs: inputs, client: client, gate: gate)
    }

    /// The outcome of a run stopped by a signal before anything was created.
    func interrupted(inputs: ResolvedInputs) -> ExitStatus {
        let signal = world.interruption
        reporter.report(.interrupted(signal: signal?.signalName ?? "a signal", resume: nil))
        let status = signal?.status ?? .interrupted
        run.finish(
            ResultDocument(dryRun: false, exitCode: status.code, invalidations: [], billablePaths: 0),
            json: inputs.json)
        return status
    }

    /// The plan's wait policy named after the selection: the target of a selection has no single ID to name (a
    /// connection group's would read "distribution : waits …").
    static func waitPolicy(_ item: Selected) -> String {
        let policy = item.target.waitPolicy
        let label = "\(item.target.target): "
        return "\(item.criteria.description): "
            + (policy.hasPrefix(label) ? String(policy.dropFirst(label.count)) : policy)
    }

    /// The first few IDs, then "and N more".
    static func list(_ ids: [String]) -> String {
        let shown = ids.prefix(shownIDs).joined(separator: ", ")
        return ids.count > shownIDs ? "\(shown) and \(TenantProgress.grouped(ids.count - shownIDs)) more" : shown
    }

    /// The listing's findings, as counts and the first few IDs.
    private func report(_ selection: TenantSelector.Selection, criteria: TenantCriteria) {
        var text =
            "\(criteria.description): \(TenantProgress.grouped(selection.listed)) listed in \(selection.pages) "
            + "page(s)"
        if selection.otherShards > 0 {
            text += ", \(TenantProgress.grouped(selection.otherShards)) in other shards"
        }
        text += "; \(TenantProgress.grouped(selection.tenantIDs.count)) selected"
        if !selection.tenantIDs.isEmpty { text += ": " + Self.list(selection.tenantIDs) }
        reporter.report(.notice(text))
        if selection.disabled > 0 {
            let more = selection.disabled - selection.disabledIDs.count
            reporter.report(
                .notice(
                    "\(selection.disabled) disabled tenant(s) skipped: "
                        + selection.disabledIDs.joined(separator: ", ") + (more > 0 ? " and \(more) more" : "")))
        }
        if selection.truncated {
            reporter.report(
                .warning("Listing stopped after \(selection.pages) pages; tenants beyond them were not selected."))
        }
    }

    /// Lists through the client (and so through the gate).
    static func selector(_ client: CloudFrontClient, concurrency: Int) -> TenantSelector {
        TenantSelector(
            listPage: { association, marker throws(CloudFrontClientError) in
                try await client.listDistributionTenants(association, marker: marker)
            },
            listTags: { arn throws(CloudFrontClientError) in try await client.listTags(arn: arn) },
            concurrency: concurrency)
    }
}

extension CloudFrontClientError {
    /// Whether the call ended because the run was cancelled (a signal), not because CloudFront failed.
    var isCancellation: Bool {
        if case .cancelled = self { return true }
        return false
    }
}
