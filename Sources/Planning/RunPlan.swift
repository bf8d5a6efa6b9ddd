import ChangeLists
import CloudFront
import Configuration
import ExitCodes
import Paths
import Reporting

/// What a create run will send: for each target, its checked paths split into batches CloudFront accepts, and
/// how long it will wait.
public struct RunPlan: Sendable {
    /// One target's share of the run.
    public struct TargetPlan: Sendable {
        public var target: InvalidationTarget
        /// The target's resolved settings (wait policy, caller reference, …).
        public var inputs: TargetInputs
        public var paths: [String]
        public var batches: [[String]]
        public var billablePaths: Int
        public var wildcardCount: Int
        /// The change-list plan the paths came from (`--from-s3-sync`, `--from-git`, `--from-dir`), when one did.
        public var changePlan: ChangePlan? = nil

        public init(
            target: InvalidationTarget, inputs: TargetInputs, paths: [String], batches: [[String]],
            billablePaths: Int, wildcardCount: Int, changePlan: ChangePlan? = nil
        ) {
            self.target = target
            self.inputs = inputs
            self.paths = paths
            self.batches = batches
            self.billablePaths = billablePaths
            self.wildcardCount = wildcardCount
            self.changePlan = changePlan
        }

        /// True when a change list found nothing to invalidate: no batch is sent and the run still succeeds.
        public var isNothingToInvalidate: Bool { changePlan?.isEmpty ?? false }

        public var summary: TargetPlanSummary {
            TargetPlanSummary(
                target: target, paths: paths, batchCount: batches.count, billablePaths: billablePaths,
                wildcardCount: wildcardCount)
        }

        /// The wait policy in words, for the plan: "waits up to 20m for Completed, then fails (exit 124)".
        public var waitPolicy: String {
            guard inputs.wait else { return "\(target): does not wait for Completed (--wait to wait)" }
            let limit = DurationText.format(seconds: inputs.timeoutSeconds)
            let then =
                inputs.onTimeout == .warn
                ? "then warns (exit \(ExitStatus.success.code))" : "then fails (exit \(ExitStatus.timedOut.code))"
            return "\(target): waits up to \(limit) for Completed, \(then)"
        }
    }

    public var targets: [TargetPlan]
    /// Adjustments made to the input paths, for the log.
    public var notices: [String]

    public init(targets: [TargetPlan], notices: [String]) {
        self.targets = targets
        self.notices = notices
    }

    public var billablePaths: Int { targets.reduce(0) { $0 + $1.billablePaths } }

    /// Checks every target's paths and builds the plan, or fails with every problem found (exit 64).
    ///
    /// `planChangeList` computes a target's paths from its change list and `--max-paths` (files and git are read
    /// there); the default refuses, for callers that only plan explicit paths.
    public static func make(
        inputs: ResolvedInputs, rootEntries: Set<String>, workingDirectoryEntries: Set<String>,
        planChangeList: (ChangeListSettings, Int?) throws(ConfigurationError) -> ChangePlan = refuseChangeLists
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
            var paths = target.paths
            var changePlan: ChangePlan? = nil
            if target.changeList.hasSource {
                do {
                    let planned = try planChangeList(target.changeList, target.maxPaths)
                    changePlan = planned
                    paths = planned.paths
                } catch {
                    for problem in error.problems { add(problem) }
                    continue
                }
            } else if let maxPaths = target.maxPaths {
                paths = Self.fold(paths, maxPaths: maxPaths, encode: target.encodePaths, notices: &notices)
            }
            if changePlan?.isEmpty == true {
                plans.append(
                    TargetPlan(
                        target: target.tenantID.map(InvalidationTarget.tenant)
                            ?? .distribution(target.distributionID ?? ""),
                        inputs: target, paths: [], batches: [], billablePaths: 0, wildcardCount: 0,
                        changePlan: changePlan))
                continue
            }
            guard !paths.isEmpty else {
                add(
                    .init(
                        location: "paths",
                        message: "no paths to invalidate. Give them as arguments ('/index.html' '/assets/*'), "
                            + "with -p, --paths-file FILE or CLOUDFRONT_PATHS (or paths: in the pipeline file), or "
                            + "a change list (--from-s3-sync, --from-git, --from-dir); quote wildcards so the shell "
                            + "does not expand them."))
                continue
            }
            let pathSet = PathSet(paths, encode: target.encodePaths)
            guard pathSet.errors.isEmpty else {
                for error in pathSet.errors {
                    add(.init(location: "path '\(error.input)'", message: error.message))
                }
                continue
            }
            for notice in pathSet.notices where !notices.contains(notice) { notices.append(notice) }
            let batches = pathSet.batches()
            if let reference = target.callerReference,
                let problem = CallerReference.problem(with: reference, batchCount: batches.count)
            {
                add(.init(location: "caller reference", message: problem))
                continue
            }
            plans.append(
                TargetPlan(
                    target: target.tenantID.map(InvalidationTarget.tenant)
                        ?? .distribution(target.distributionID ?? ""),
                    inputs: target, paths: pathSet.paths, batches: batches,
                    billablePaths: pathSet.billablePaths, wildcardCount: pathSet.wildcardCount,
                    changePlan: changePlan))
        }
        guard problems.isEmpty else { throw ConfigurationError(problems) }
        return RunPlan(targets: plans, notices: notices)
    }

    /// The default change-list planner of `make`: refuses.
    public static func refuseChangeLists(_: ChangeListSettings, _: Int?) throws(ConfigurationError) -> ChangePlan {
        throw ConfigurationError(location: "change list", message: "change lists are not available here.")
    }

    /// `--max-paths` on an explicit list: the path part folded into at most `maxPaths` paths (cache tags are kept
    /// apart and count toward the limit), coverage never lost.
    ///
    /// The paths go through the change lists' packed-bytes pipeline (``GivenPaths``, then the same sort and fold),
    /// not through a `PathSet` of every input: only the folded result is checked as a `PathSet` afterwards. A list
    /// with an error, or that fits, is returned as it is, for `PathSet` to report or send.
    public static func fold(_ raw: [String], maxPaths: Int, encode: Bool, notices: inout [String]) -> [String] {
        guard raw.count > maxPaths, let given = GivenPaths.normalized(raw, encode: encode) else { return raw }
        // Tags compare ignoring ASCII case, as CloudFront (and PathSet) do.
        var seenTags: Set<String> = []
        var tags: [String] = []
        for tag in given.tags where seenTags.insert(String(decoding: tag.utf8.map(asciiLower), as: UTF8.self)).inserted
        {
            tags.append(tag)
        }
        let input = FoldInput(changed: given.urls, unchanged: nil)
        let unique = input.changedCount + tags.count
        guard unique > maxPaths, tags.count < maxPaths,
            let outcome = PathFolder.fold(input, maxPaths: maxPaths - tags.count)
        else { return raw }
        notices.append(
            "--max-paths \(maxPaths): folded \(PlanText.count(unique)) paths into \(outcome.paths.count + tags.count).")
        return outcome.paths + tags
    }

    /// An ASCII upper-case letter's lower-case form; any other byte as it is.
    private static func asciiLower(_ byte: UInt8) -> UInt8 { (65...90).contains(byte) ? byte + 32 : byte }
}
