import CloudFront

/// Readable, timestamp-free lines for a terminal or any CI without a richer format.
public struct PlainReporter: Reporter {
    let verbosity: Verbosity
    let write: @Sendable (String) -> Void

    /// `write` receives whole lines without the trailing newline.
    public init(verbosity: Verbosity, write: @escaping @Sendable (String) -> Void) {
        self.verbosity = verbosity
        self.write = write
    }

    public func report(_ event: RunEvent) {
        guard let line = Self.render(event, verbosity: verbosity) else { return }
        write(line)
    }

    /// The line for `event` at `verbosity`, or nil when it is not shown.
    static func render(_ event: RunEvent, verbosity: Verbosity) -> String? {
        switch event {
        case .failed(let target, let message):
            return "error: " + (target.map { "\($0): " } ?? "") + message
        case .timedOut(let ids, let resume, let asWarning):
            let noun = ids.count == 1 ? "invalidation is" : "invalidations are"
            return (asWarning ? "warning: " : "error: ")
                + "timed out waiting: \(ids.count) \(noun) still in progress (\(ids.joined(separator: ", "))). "
                + "They will complete on their own; to wait again run: \(resume)"
        case .interrupted(let signal, let resume):
            return "error: stopped by \(signal)." + (resume.map { " To wait for what was created, run: \($0)" } ?? "")
        case _ where verbosity == .quiet:
            return nil
        case .notice(let text):
            return "notice: \(text)"
        case .warning(let text):
            return "warning: \(text)"
        case .planned(let plan):
            let batches = plan.batchCount > 1 ? " in \(plan.batchCount) batches" : ""
            let noun = plan.paths.count == 1 ? "path" : "paths"
            var lines = ["\(plan.target): \(plan.paths.count) \(noun)\(batches), \(plan.billablePaths) billable"]
            let shown = verbosity == .verbose ? plan.paths.count : 20
            lines += plan.paths.prefix(shown).map { "  \($0)" }
            if plan.paths.count > shown { lines.append("  … and \(plan.paths.count - shown) more") }
            return lines.joined(separator: "\n")
        case .credentialsResolved(let source):
            return verbosity == .verbose ? "credentials: from \(source)" : nil
        case .retrying(let operation, let attempt, let delay, let reason):
            let seconds = (delay * 10).rounded() / 10
            return "retry: \(operation) attempt \(attempt) failed (\(reason)); retrying in \(seconds)s"
        case .created(let target, let invalidation, let batch, let batchCount):
            let part = batchCount > 1 ? " (batch \(batch) of \(batchCount))" : ""
            return "\(target): created invalidation \(invalidation.id)\(part), status \(invalidation.status.rawValue)"
        case .status(let target, let invalidation):
            let created = invalidation.createTime.map { ", created \($0)" } ?? ""
            return "\(target): invalidation \(invalidation.id) is \(invalidation.status.rawValue)\(created)"
        case .statusChanged(let target, let id, let status, let elapsed):
            return "\(target): \(id) is \(status.rawValue) after \(Self.seconds(elapsed))"
        case .heartbeat(let elapsed, let completed, let total):
            return "waiting: \(completed) of \(total) completed after \(Self.seconds(elapsed))"
        case .detail(let text):
            return verbosity == .verbose ? text : nil
        case .finished:
            return nil
        }
    }

    /// Elapsed time as people read it: `41s`, `2m05s`.
    static func seconds(_ value: Double) -> String {
        let whole = Int(value.rounded())
        return whole < 60 ? "\(whole)s" : "\(whole / 60)m\(whole % 60 < 10 ? "0" : "")\(whole % 60)s"
    }
}
