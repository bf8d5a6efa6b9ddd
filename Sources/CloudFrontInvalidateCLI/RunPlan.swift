import CloudFront
import Configuration
import Paths
import Reporting

/// What a create run will send: for each target, its checked paths split into batches CloudFront accepts, and
/// how long it will wait.
struct RunPlan: Sendable {
    /// One target's share of the run.
    struct TargetPlan: Sendable {
        var target: InvalidationTarget
        /// The target's resolved settings (wait policy, caller reference, …).
        var inputs: TargetInputs
        var paths: [String]
        var batches: [[String]]
        var billablePaths: Int
        var wildcardCount: Int

        var summary: TargetPlanSummary {
            TargetPlanSummary(
                target: target, paths: paths, batchCount: batches.count, billablePaths: billablePaths,
                wildcardCount: wildcardCount)
        }

        /// The wait policy in words, for the plan: "waits up to 20m for Completed, then fails (exit 124)".
        var waitPolicy: String {
            guard inputs.wait else { return "\(target): does not wait for Completed (--wait to wait)" }
            let limit = DurationText.format(seconds: inputs.timeoutSeconds)
            let then = inputs.onTimeout == .warn ? "then warns (exit 0)" : "then fails (exit 124)"
            return "\(target): waits up to \(limit) for Completed, \(then)"
        }
    }

    var targets: [TargetPlan]
    /// Adjustments made to the input paths, for the log.
    var notices: [String]

    var billablePaths: Int { targets.reduce(0) { $0 + $1.billablePaths } }

    /// Checks every target's paths and builds the plan, or fails with every problem found (exit 64).
    static func make(
        inputs: ResolvedInputs, rootEntries: Set<String>, workingDirectoryEntries: Set<String>
    ) throws(ConfigurationError) -> RunPlan {
        var problems: [ConfigurationError.Problem] = []
        var notices: [String] = []
        var plans: [TargetPlan] = []
        func add(_ problem: ConfigurationError.Problem) {
            if !problems.contains(problem) { problems.append(problem) }
        }
        for target in inputs.targets {
            if target.pathsSource == "arguments",
                let refusal = ShellExpansionGuard.check(
                    paths: target.paths, rootEntries: rootEntries, workingDirectoryEntries: workingDirectoryEntries)
            {
                add(.init(location: "paths", message: refusal.message))
                continue
            }
            guard !target.paths.isEmpty else {
                if target.changeList.hasSource {
                    add(
                        .init(
                            location: target.location ?? "paths",
                            message: "\(target.id) takes its paths from "
                                + "\(target.changeList.sourceKeys.joined(separator: ", ")), and change lists are not "
                                + "available in this build yet; give paths: or paths_file: instead."))
                } else {
                    add(
                        .init(
                            location: "paths",
                            message: "no paths to invalidate. Give them as arguments ('/index.html' '/assets/*'), "
                                + "with -p, --paths-file FILE or CLOUDFRONT_PATHS (or paths: in the pipeline file); "
                                + "quote wildcards so the shell does not expand them."))
                }
                continue
            }
            let pathSet = PathSet(target.paths, encode: target.encodePaths)
            guard pathSet.errors.isEmpty else {
                for error in pathSet.errors {
                    add(.init(location: "path '\(error.input)'", message: error.message))
                }
                continue
            }
            for notice in pathSet.notices where !notices.contains(notice) { notices.append(notice) }
            plans.append(
                TargetPlan(
                    target: target.tenantID.map(InvalidationTarget.tenant)
                        ?? .distribution(target.distributionID ?? ""),
                    inputs: target, paths: pathSet.paths, batches: pathSet.batches(),
                    billablePaths: pathSet.billablePaths, wildcardCount: pathSet.wildcardCount))
        }
        guard problems.isEmpty else { throw ConfigurationError(problems) }
        return RunPlan(targets: plans, notices: notices)
    }
}
