import TextTrimming

/// File writes a reporter may make at the end of a run, injected so tests need no disk.
public struct FileOutput: Sendable {
    /// Appends text to a file, creating it when missing (`$GITHUB_OUTPUT`, `$GITHUB_STEP_SUMMARY`).
    public var append: @Sendable (_ path: String, _ text: String) throws -> Void
    /// Replaces a file's contents (the dotenv report describes this run only).
    public var replace: @Sendable (_ path: String, _ text: String) throws -> Void

    public init(
        append: @escaping @Sendable (_ path: String, _ text: String) throws -> Void,
        replace: @escaping @Sendable (_ path: String, _ text: String) throws -> Void
    ) {
        self.append = append
        self.replace = replace
    }
}

/// Everything a reporter needs from the outside world: the edge (the CLI) builds it from the live process.
public struct ReporterSettings: Sendable {
    /// `auto`, `plain`, `github` or `gitlab` (from `--log-format` or `CLOUDFRONT_LOG_FORMAT`).
    public var format: ReportFormat
    public var verbosity: Verbosity
    /// The process environment: CI markers, `NO_COLOR`, `TERM`, `GITHUB_OUTPUT`, `GITHUB_STEP_SUMMARY`.
    public var environment: [String: String]
    /// Whether the log stream (stderr) is a terminal: colour in plain logs.
    public var isTerminal: Bool
    /// `--dotenv FILE` (or `CLOUDFRONT_DOTENV`), written at the end in any format.
    public var dotenvPath: String?
    /// Writes one block of whole lines (no trailing newline) to the log stream.
    public var writeLine: @Sendable (String) -> Void
    public var files: FileOutput
    /// Seconds since 1970 (GitLab section markers).
    public var epochSeconds: @Sendable () -> Int
    /// The heredoc delimiter for multi-line `$GITHUB_OUTPUT` values; random unless a test fixes it.
    public var outputDelimiter: @Sendable () -> String

    public init(
        format: ReportFormat, verbosity: Verbosity, environment: [String: String], isTerminal: Bool,
        dotenvPath: String? = nil, writeLine: @escaping @Sendable (String) -> Void, files: FileOutput,
        epochSeconds: @escaping @Sendable () -> Int,
        outputDelimiter: (@Sendable () -> String)? = nil
    ) {
        self.format = format
        self.verbosity = verbosity
        self.environment = environment
        self.isTerminal = isTerminal
        self.dotenvPath = dotenvPath
        self.writeLine = writeLine
        self.files = files
        self.epochSeconds = epochSeconds
        self.outputDelimiter = outputDelimiter ?? GitHubStepFiles.randomDelimiter
    }
}

/// Picks and builds the reporter for a run.
public enum ReporterFactory {
    /// The variable naming the dotenv file when `--dotenv` is absent.
    public static let dotenvVariable = "CLOUDFRONT_DOTENV"

    /// The reporter for `settings`: `auto` is resolved from the CI markers in the environment.
    public static func make(_ settings: ReporterSettings) -> any Reporter {
        let sink = LogSink(writeLine: settings.writeLine)
        let environment = settings.environment
        let dotenv = settings.dotenvPath.flatMap { $0.isEmpty ? nil : DotenvFile(path: $0, files: settings.files) }
        switch settings.format.resolved(in: environment) {
        case .github:
            return GitHubReporter(
                verbosity: settings.verbosity, sink: sink, files: settings.files,
                outputPath: nonEmpty(environment["GITHUB_OUTPUT"]),
                summaryPath: nonEmpty(environment["GITHUB_STEP_SUMMARY"]), dotenv: dotenv,
                delimiter: settings.outputDelimiter, announcesMasks: environment["GITHUB_ACTIONS"] == "true",
                workspace: environment["GITHUB_WORKSPACE"])
        case .gitlab:
            return GitLabReporter(
                verbosity: settings.verbosity, style: .gitlab(environment: environment), sink: sink, dotenv: dotenv,
                now: settings.epochSeconds)
        case .plain, .auto:
            return PlainReporter(
                verbosity: settings.verbosity,
                style: .plain(environment: environment, isTerminal: settings.isTerminal), sink: sink, dotenv: dotenv,
                liveProgress: settings.isTerminal && environment["TERM"] != "dumb")
        }
    }

    /// `--dotenv` if given, else `CLOUDFRONT_DOTENV`, else none.
    public static func dotenvPath(flag: String?, environment: [String: String]) -> String? {
        nonEmpty(flag) ?? nonEmpty(environment[dotenvVariable])
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.trimmingASCIIWhitespace().isEmpty else { return nil }
        return value
    }
}
