import CloudFront
import TextTrimming

/// The log as GitHub Actions reads it: workflow commands on stderr, outputs and a summary in the runner's files.
///
/// - Where the commands go: the runner scans both stdout and stderr of a step for workflow commands (its
///   ScriptHandler feeds both streams to the command manager). Our stdout is the result channel (`ID=$(…)`, `--json`),
///   so commands are written to stderr with the rest of the log, and stdout stays clean for callers.
/// - Groups: `::group::` cannot nest or interleave, and targets run concurrently, so each target's plan (its paths)
///   is one group written in a single block at the plan stage; creation, retries and progress are ungrouped lines
///   that name their target.
/// - Annotations: failures, refusals (bad input, the shell-expansion guard), timeouts and interruptions become
///   `::error` / `::warning` with a title; notices stay log lines (annotations are for what needs attention).
/// - Secrets: inside GitHub Actions (`GITHUB_ACTIONS=true`), `mask` prints `::add-mask::` before anything else that
///   could carry the value; elsewhere (`--log-format github` on a laptop or another CI) it prints nothing, since no
///   runner consumes the command and the command itself would write the secret into the captured log. Either way
///   the value is replaced by `***` in everything this reporter writes.
/// - Injection: user text is percent-encoded inside commands and made inert elsewhere (see `TextSafety`).
public struct GitHubReporter: Reporter {
    let verbosity: Verbosity
    let sink: LogSink
    let files: FileOutput
    /// `$GITHUB_OUTPUT` and `$GITHUB_STEP_SUMMARY`, when the runner set them.
    let outputPath: String?
    let summaryPath: String?
    let dotenv: DotenvFile?
    let delimiter: @Sendable () -> String
    /// Whether a GitHub runner reads this log, so `::add-mask::` reaches one (true only with `GITHUB_ACTIONS=true`).
    let announcesMasks: Bool
    /// `$GITHUB_WORKSPACE`: annotation file paths are relative to it.
    let workspace: String?

    init(
        verbosity: Verbosity, sink: LogSink, files: FileOutput, outputPath: String?, summaryPath: String?,
        dotenv: DotenvFile?, delimiter: @escaping @Sendable () -> String, announcesMasks: Bool,
        workspace: String?
    ) {
        self.announcesMasks = announcesMasks
        self.workspace = workspace
        self.verbosity = verbosity
        self.sink = sink
        self.files = files
        self.outputPath = outputPath
        self.summaryPath = summaryPath
        self.dotenv = dotenv
        self.delimiter = delimiter
    }

    public func redact(_ text: String) -> String { sink.redacted(text) }

    public func mask(_ secret: String) {
        guard sink.register(secret: secret), announcesMasks else { return }
        // One command per line of the secret as well as the whole: the runner masks each registered value, and a
        // multi-line value can reach the log one line at a time.
        let parts = TextSafety.visibleLines(secret).map { $0.trimmingASCIIWhitespace() }
            .filter { $0.count >= LogSink.shortestRedacted }
        let values = parts.count > 1 || parts.first != secret ? [secret] + parts : [secret]
        for value in values {
            sink.writeUnredacted("::add-mask::" + TextSafety.githubData(value))
        }
    }

    public func report(_ event: RunEvent) {
        switch event {
        case .planned(let plan):
            guard verbosity > .quiet else { return }
            let header = sink.redacted(TextSafety.visibleLine(EventText.planHeader(plan)))
            let title = "::group::" + TextSafety.githubData(header)
            sink.write(
                [title] + EventText.planPaths(plan, verbosity: verbosity).map(TextSafety.githubInert) + ["::endgroup::"]
            )
        case .finished(let document):
            let document = document.redacted(sink.redacted)
            finish(document)
        default:
            if let (command, title, message) = Self.annotation(for: event, verbosity: verbosity) {
                // Redacted before encoding: a secret must be found as it is, not in its percent-encoded form.
                var properties = "title=" + TextSafety.githubProperty(TextSafety.visibleLine(sink.redacted(title)))
                if case .refused(_, let position?) = event {
                    properties = Self.fileProperties(position, workspace: workspace) + "," + properties
                }
                let text = TextSafety.visibleLines(sink.redacted(message)).map(TextSafety.githubInert)
                sink.write(["::\(command) \(properties)::" + TextSafety.githubData(text.joined(separator: "\n"))])
            } else if let line = EventText.line(for: event, verbosity: verbosity) {
                sink.write(PlainReporter.lines(line, style: .none).map(TextSafety.githubInert))
            }
        }
    }

    /// `file=…,line=…,col=…`: GitHub shows the annotation on that line of the file in a pull request. The file must be
    /// relative to the repository (the workspace), so an absolute path inside `$GITHUB_WORKSPACE` is made relative.
    /// https://docs.github.com/actions/reference/workflow-commands-for-github-actions#setting-an-error-message
    static func fileProperties(_ position: AnnotationPosition, workspace: String?) -> String {
        var file = position.file
        if let workspace, !workspace.isEmpty {
            let root = workspace.hasSuffix("/") ? workspace : workspace + "/"
            if file.hasPrefix(root) { file.removeFirst(root.count) }
        }
        while file.hasPrefix("./") { file.removeFirst(2) }
        return "file=" + TextSafety.githubProperty(TextSafety.visibleLine(file)) + ",line=\(position.line)"
            + ",col=\(position.column)"
    }

    /// The command (`error`, `warning`), title and message of an annotation, for the events that need someone's
    /// attention; nil for ordinary log lines.
    static func annotation(for event: RunEvent, verbosity: Verbosity) -> (String, String, String)? {
        let (command, title, message): (String, String, String)
        switch event {
        case .failed(let target, let text):
            (command, title, message) = (
                "error", target.map { "Invalidation failed: \($0)" } ?? "Invalidation failed", text
            )
        case .refused(let text, _):
            (command, title, message) = ("error", "Input refused, nothing was sent", text)
        case .timedOut(let ids, let resume, let asWarning):
            (command, title, message) = (
                asWarning ? "warning" : "error", "Wait timed out", EventText.timedOutText(ids: ids, resume: resume)
            )
        case .interrupted(let signal, let resume):
            (command, title, message) = (
                "error", "Interrupted", EventText.interruptedText(signal: signal, resume: resume)
            )
        case .warning(let text) where verbosity > .quiet:
            (command, title, message) = ("warning", "cloudfront-invalidate", text)
        default:
            return nil
        }
        return (command, title, message)
    }

    /// Writes the outputs, the summary and the dotenv file; a file that can't be written is a warning, not a failure
    /// (the invalidations exist either way).
    private func finish(_ document: ResultDocument) {
        var problems: [String] = []
        if let outputPath {
            problems += append(GitHubStepFiles.outputs(document, delimiter: delimiter), to: outputPath, "GITHUB_OUTPUT")
        }
        if let summaryPath {
            problems += append(GitHubStepFiles.summary(document), to: summaryPath, "GITHUB_STEP_SUMMARY")
        }
        if let problem = dotenv?.write(document, sink: sink) { problems.append(problem) }
        for problem in problems {
            sink.write(["::warning title=Could not write a result file::" + TextSafety.githubData(problem)])
        }
    }

    private func append(_ text: String, to path: String, _ variable: String) -> [String] {
        do {
            try files.append(path, sink.redacted(text))
            return []
        } catch {
            return ["could not append to $\(variable) (\(TextSafety.visibleLine(path))): \(error)."]
        }
    }
}
