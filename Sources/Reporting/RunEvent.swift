import CloudFront

/// Something that happened in a run, for the log. The core emits these; reporters decide how each CI shows them.
public enum RunEvent: Sendable, Equatable {
    /// An adjustment the user should know about (a leading `/` added, a duplicate dropped).
    case notice(String)
    /// Something that did not stop the run but deserves attention.
    case warning(String)
    /// The paths that will be sent to one target, with their cost.
    case planned(TargetPlanSummary)
    /// Where the credentials came from.
    case credentialsResolved(source: String)
    /// A call failed and will be tried again.
    case retrying(operation: String, attempt: Int, delaySeconds: Double, reason: String)
    /// CloudFront accepted a batch.
    case created(target: InvalidationTarget, invalidation: Invalidation, batch: Int, batchCount: Int)
    /// One invalidation's current status (the `status` command).
    case status(target: InvalidationTarget, invalidation: Invalidation)
    /// While waiting: an invalidation's status changed.
    case statusChanged(target: InvalidationTarget, id: String, status: InvalidationStatus, elapsedSeconds: Double)
    /// While waiting: still going (at most once a minute).
    case heartbeat(elapsedSeconds: Double, completed: Int, total: Int)
    /// A progress line of a long run (a tenant fan-out): rewritten in place on a terminal, printed as is in CI.
    case progress(String)
    /// The wait limit passed with invalidations still in progress; `resume` is the command that waits on.
    case timedOut(inProgress: [String], resume: String, asWarning: Bool)
    /// A signal stopped the run; `resume` waits on what was created, when anything was.
    case interrupted(signal: String, resume: String?)
    /// A target failed; `message` is a whole sentence naming the cause and, where there is one, the fix.
    case failed(target: InvalidationTarget?, message: String)
    /// The run is over: the result document (also printed by `--json`). Reporters write CI outputs from it
    /// (`$GITHUB_OUTPUT`, the step summary, a GitLab dotenv file).
    case finished(ResultDocument)
    /// Verbose detail (request IDs, timings); shown only with `-v`.
    case detail(String)
    /// The inputs were refused before anything was sent (a bad flag, path or YAML value, or the shell-expansion
    /// guard); `message` is a whole sentence naming the input and the fix; `position` is where in a pipeline file,
    /// when the problem is in one. Exit 64 follows.
    case refused(message: String, position: AnnotationPosition? = nil)
    /// Where the settings came from (flags, environment, a YAML file); shown only with `-v`.
    case configurationRead(sources: [String])
}

/// What will be sent to one target.
public struct TargetPlanSummary: Sendable, Equatable {
    public var target: InvalidationTarget
    public var paths: [String]
    public var batchCount: Int
    public var billablePaths: Int
    public var wildcardCount: Int

    public init(target: InvalidationTarget, paths: [String], batchCount: Int, billablePaths: Int, wildcardCount: Int) {
        self.target = target
        self.paths = paths
        self.batchCount = batchCount
        self.billablePaths = billablePaths
        self.wildcardCount = wildcardCount
    }
}
