import CloudFront

/// How much a log line matters: picks its prefix, its colour and, on GitHub, whether it becomes an annotation.
enum LogLevel: Sendable, Equatable {
    case error, warning, notice, info, success, detail
}

/// One event's text, before a reporter decorates it. `text` may hold several lines.
struct LogLine: Sendable, Equatable {
    var level: LogLevel
    /// `error`, `warning`, `notice`: printed before the text as `label: `; nil for ordinary lines.
    var label: String?
    var text: String
}

/// The words of the log, shared by every format, so plain, GitHub and GitLab logs say the same thing.
enum EventText {
    /// Paths listed under a plan at normal verbosity; `-v` lists them all.
    static let pathsShown = 20

    /// The line for `event` at `verbosity`, or nil when it is not shown (plans and the final document are rendered
    /// by each reporter; see `planHeader` and `planPaths`).
    static func line(for event: RunEvent, verbosity: Verbosity) -> LogLine? {
        switch event {
        case .failed(let target, let message):
            return LogLine(level: .error, label: "error", text: (target.map { "\($0): " } ?? "") + message)
        case .refused(let message, _):
            return LogLine(level: .error, label: "error", text: message)
        case .timedOut(let ids, let resume, let asWarning):
            return LogLine(
                level: asWarning ? .warning : .error, label: asWarning ? "warning" : "error",
                text: timedOutText(ids: ids, resume: resume))
        case .interrupted(let signal, let resume):
            return LogLine(level: .error, label: "error", text: interruptedText(signal: signal, resume: resume))
        case _ where verbosity == .quiet:
            return nil
        case .notice(let text):
            return LogLine(level: .notice, label: "notice", text: text)
        case .warning(let text):
            return LogLine(level: .warning, label: "warning", text: text)
        case .credentialsResolved(let source):
            return verbosity == .verbose
                ? LogLine(level: .detail, label: nil, text: "credentials: from \(source)") : nil
        case .configurationRead(let sources):
            guard verbosity == .verbose else { return nil }
            return LogLine(level: .detail, label: nil, text: "configuration: from " + sources.joined(separator: ", "))
        case .retrying(let operation, let attempt, let delay, let reason):
            let seconds = (delay * 10).rounded() / 10
            let why = verbosity == .verbose ? " (\(reason))" : ""
            return LogLine(
                level: .info, label: nil,
                text: "retry: \(operation) attempt \(attempt) failed\(why); retrying in \(seconds)s")
        case .created(let target, let invalidation, let batch, let batchCount):
            let part = batchCount > 1 ? " (batch \(batch) of \(batchCount))" : ""
            return LogLine(
                level: .info, label: nil,
                text:
                    "\(target): created invalidation \(invalidation.id)\(part), status \(invalidation.status.rawValue)")
        case .status(let target, let invalidation):
            let created = invalidation.createTime.map { ", created \($0)" } ?? ""
            return LogLine(
                level: invalidation.status.isCompleted ? .success : .info, label: nil,
                text: "\(target): invalidation \(invalidation.id) is \(invalidation.status.rawValue)\(created)")
        case .statusChanged(let target, let id, let status, let elapsed):
            return LogLine(
                level: status.isCompleted ? .success : .info, label: nil,
                text: "\(target): \(id) is \(status.rawValue) after \(seconds(elapsed))")
        case .heartbeat(let elapsed, let completed, let total):
            return LogLine(
                level: .info, label: nil, text: "waiting: \(completed) of \(total) completed after \(seconds(elapsed))")
        case .progress(let text):
            return verbosity > .quiet ? LogLine(level: .info, label: nil, text: text) : nil
        case .detail(let text):
            return verbosity == .verbose ? LogLine(level: .detail, label: nil, text: text) : nil
        case .planned, .finished:
            return nil
        }
    }

    /// One line summing up a target's plan: `distribution E1: 3 paths in 2 batches, 3 billable`.
    static func planHeader(_ plan: TargetPlanSummary) -> String {
        let batches = plan.batchCount > 1 ? " in \(plan.batchCount) batches" : ""
        let noun = plan.paths.count == 1 ? "path" : "paths"
        return "\(plan.target): \(plan.paths.count) \(noun)\(batches), \(plan.billablePaths) billable"
    }

    /// The plan's paths, indented, at most `pathsShown` of them unless verbose.
    static func planPaths(_ plan: TargetPlanSummary, verbosity: Verbosity) -> [String] {
        let shown = verbosity == .verbose ? plan.paths.count : pathsShown
        var lines = plan.paths.prefix(shown).map { "  " + TextSafety.visibleLine($0) }
        if plan.paths.count > shown { lines.append("  … and \(plan.paths.count - shown) more") }
        return lines
    }

    static func timedOutText(ids: [String], resume: String) -> String {
        let noun = ids.count == 1 ? "invalidation is" : "invalidations are"
        return "timed out waiting: \(ids.count) \(noun) still in progress (\(ids.joined(separator: ", "))). "
            + "They will complete on their own; to wait again run: \(resume)"
    }

    static func interruptedText(signal: String, resume: String?) -> String {
        "stopped by \(signal)." + (resume.map { " To wait for what was created, run: \($0)" } ?? "")
    }

    /// Elapsed time as people read it: `41s`, `2m05s`.
    static func seconds(_ value: Double) -> String {
        let whole = Int(value.rounded())
        return whole < 60 ? "\(whole)s" : "\(whole / 60)m\(whole % 60 < 10 ? "0" : "")\(whole % 60)s"
    }
}
