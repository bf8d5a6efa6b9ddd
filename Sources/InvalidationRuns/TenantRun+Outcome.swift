import CloudFront
import Configuration
import ExitCodes
import Reporting
import TenantFanOut

extension TenantRun {
    /// Reports the outcome (counts, failures by reason with a few tenant IDs), writes the result document, and
    /// returns the exit status: 0, 1 when any tenant failed, 124 when waiting ran out, or the fatal failure's.
    func finish(
        _ outcome: TenantFanOut.Outcome, final: TenantProgress, selected: [Selected], inputs: ResolvedInputs
    ) -> ExitStatus {
        var completed = 0
        var createdOnly = 0
        var inProgress: [String] = []
        var notSent: [String] = []
        var failures: [String: [String]] = [:]
        var failureCodes: Set<Int32> = []
        var entries: [ResultDocument.Entry] = []
        entries.reserveCapacity(outcome.results.count)
        for result in outcome.results {
            let tenant = result.job.tenantID
            let paths = selected[result.job.group].target.batches[result.job.batch]
            var entry = ResultDocument.Entry(
                target: .tenant(tenant), id: result.invalidation?.id, status: result.invalidation?.status.rawValue,
                callerReference: result.job.callerReference, paths: paths, createTime: result.invalidation?.createTime,
                elapsedSeconds: result.elapsedSeconds)
            switch result.state {
            case .completed:
                completed += 1
                entry.status = InvalidationStatus.completed.rawValue
            case .created: createdOnly += 1
            case .inProgress: inProgress.append(tenant)
            case .notSent:
                notSent.append(tenant)
                entry.status = nil
            case .failed(let failure):
                failures[failure.reason, default: []].append(tenant)
                failureCodes.insert(failure.exitCode)
                entry.status = "Failed"
                entry.error = failure.message
            }
            entries.append(entry)
        }
        let byCount = failures.sorted {
            $0.value.count > $1.value.count || ($0.value.count == $1.value.count && $0.key < $1.key)
        }
        let failed = failures.values.reduce(0) { $0 + $1.count }
        reporter.report(
            .notice(
                Self.summary(
                    total: outcome.results.count, completed: completed, createdOnly: createdOnly, failed: failed,
                    inProgress: inProgress.count, notSent: notSent.count, final: final)))
        for (message, tenants) in byCount {
            reporter.report(
                .failed(target: nil, message: "\(tenants.count) tenant(s) failed: \(message) (\(Self.list(tenants)))"))
        }

        var status = ExitStatus.success
        if let fatal = outcome.fatal {
            status = ExitStatus(code: fatal.exitCode) ?? .rejected
            reporter.report(.failed(target: nil, message: "Stopped: " + fatal.message))
        } else if failed > 0 {
            // All failed the same way and none succeeded: that way's code (77, 69); otherwise 1.
            let single = failureCodes.count == 1 && completed + createdOnly == 0 ? failureCodes.first : nil
            status = single.flatMap { ExitStatus(code: $0) } ?? .rejected
        }
        let late = inProgress + notSent
        if !late.isEmpty && !outcome.interrupted {
            let warnOnly = selected.allSatisfy { $0.target.inputs.onTimeout == .warn }
            let text =
                "timed out: \(late.count) tenant(s) not Completed within the time limit (\(Self.list(late))). "
                + "They complete on their own; to create what is missing and wait again, re-run this step in the "
                + "same CI job: tenants already done are not invalidated twice."
            reporter.report(warnOnly ? .warning(text) : .failed(target: nil, message: text))
            if !warnOnly { status = status.worsened(by: .timedOut) }
        }
        if outcome.interrupted || Task.isCancelled {
            let signal = world.interruption
            status = signal?.status ?? .interrupted
            reporter.report(.interrupted(signal: signal?.signalName ?? "a signal", resume: nil))
            reporter.report(
                .notice(
                    "To finish, re-run this step in the same CI job: tenants already done are not invalidated twice "
                        + "(outside CI, give both runs the same --caller-reference)."))
        }
        var errors = byCount.map { "\($0.value.count) tenant(s) failed: \($0.key)" }
        if let fatal = outcome.fatal { errors.insert(fatal.message, at: 0) }
        var accepted = 0
        var planned = 0
        for result in outcome.results {
            let count = selected[result.job.group].target.batches[result.job.batch].count
            planned += count
            if result.invalidation != nil { accepted += count }
        }
        reporter.report(.notice(CreateRun.billableLine(accepted: accepted, planned: planned)))
        run.finish(
            ResultDocument(
                dryRun: false, exitCode: status.code, invalidations: entries, billablePaths: accepted,
                plannedBillablePaths: planned, errors: errors),
            json: inputs.json)
        return status
    }

    /// `tenants: 2,000 invalidation(s), 1,998 completed, 2 failed; 4,107 requests in 1m50s, 2.1% throttled.`
    static func summary(
        total: Int, completed: Int, createdOnly: Int, failed: Int, inProgress: Int, notSent: Int,
        final: TenantProgress
    ) -> String {
        var summary = "tenants: \(TenantProgress.grouped(total)) invalidation(s)"
        if completed > 0 { summary += ", \(TenantProgress.grouped(completed)) completed" }
        if createdOnly > 0 { summary += ", \(TenantProgress.grouped(createdOnly)) created (not waited for)" }
        if final.alreadyDone > 0 {
            summary += " (\(TenantProgress.grouped(final.alreadyDone)) already done by an earlier attempt of this job)"
        }
        if failed > 0 { summary += ", \(TenantProgress.grouped(failed)) failed" }
        if inProgress > 0 { summary += ", \(TenantProgress.grouped(inProgress)) still in progress" }
        if notSent > 0 { summary += ", \(TenantProgress.grouped(notSent)) not sent" }
        let throttledShare = final.requests > 0 ? Double(final.throttled) * 100 / Double(final.requests) : 0
        return summary
            + "; \(TenantProgress.grouped(final.requests)) requests in "
            + "\(TenantProgress.durationText(final.elapsedSeconds)), "
            + "\(TenantProgress.oneDecimalText(throttledShare))% throttled."
    }
}
