import CloudFront
import Configuration
import Paths
import Reporting

/// What a create run will send: for each target, its checked paths split into batches CloudFront accepts.
struct RunPlan: Sendable {
    /// One target's share of the run.
    struct TargetPlan: Sendable {
        var target: InvalidationTarget
        var paths: [String]
        var batches: [[String]]
        var billablePaths: Int
        var wildcardCount: Int

        var summary: TargetPlanSummary {
            TargetPlanSummary(
                target: target, paths: paths, batchCount: batches.count, billablePaths: billablePaths,
                wildcardCount: wildcardCount)
        }
    }

    var targets: [TargetPlan]
    /// Adjustments made to the input paths, for the log.
    var notices: [String]

    var billablePaths: Int { targets.reduce(0) { $0 + $1.billablePaths } }

    /// Checks the inputs' paths and builds the plan, or fails with every problem found (exit 64).
    static func make(
        inputs: ResolvedInputs, rootEntries: Set<String>, workingDirectoryEntries: Set<String>
    ) throws(ConfigurationError) -> RunPlan {
        if inputs.pathsSource == "arguments",
            let refusal = ShellExpansionGuard.check(
                paths: inputs.paths, rootEntries: rootEntries, workingDirectoryEntries: workingDirectoryEntries)
        {
            throw ConfigurationError(location: "paths", message: refusal.message)
        }
        guard !inputs.paths.isEmpty else {
            throw ConfigurationError(
                location: "paths",
                message: "no paths to invalidate. Give them as arguments ('/index.html' '/assets/*'), with -p, "
                    + "--paths-file FILE or CLOUDFRONT_PATHS; quote wildcards so the shell does not expand them.")
        }
        let pathSet = PathSet(inputs.paths, encode: inputs.encodePaths)
        guard pathSet.errors.isEmpty else {
            throw ConfigurationError(
                pathSet.errors.map { .init(location: "path '\($0.input)'", message: $0.message) })
        }
        let batches = pathSet.batches()
        let targets =
            inputs.distributionIDs.map { InvalidationTarget.distribution($0) }
            + inputs.tenantIDs.map { InvalidationTarget.tenant($0) }
        return RunPlan(
            targets: targets.map {
                TargetPlan(
                    target: $0, paths: pathSet.paths, batches: batches, billablePaths: pathSet.billablePaths,
                    wildcardCount: pathSet.wildcardCount)
            },
            notices: pathSet.notices)
    }
}
