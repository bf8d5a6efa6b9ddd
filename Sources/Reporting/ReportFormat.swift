import TextTrimming

/// The `--log-format` / `CLOUDFRONT_LOG_FORMAT` choice: how the log speaks to the CI it runs in.
public enum ReportFormat: String, Sendable, Equatable, CaseIterable {
    /// GitHub Actions when `GITHUB_ACTIONS` is set, GitLab CI when `GITLAB_CI` is set, plain everywhere else
    /// (Buildkite, Bitbucket, CircleCI, Jenkins and Azure Pipelines get plain lines; their CI is still detected for the
    /// CallerReference by the Configuration module).
    case auto
    case plain
    case github
    case gitlab

    /// The variable that chooses the format when the flag is absent.
    public static let environmentVariable = "CLOUDFRONT_LOG_FORMAT"

    /// Reads a user's spelling (case-insensitive, surrounding blanks ignored); `source` names the flag or variable
    /// in the error.
    public init(parsing text: String, source: String = "--log-format") throws(ReportFormatError) {
        let folded = text.trimmingASCIIWhitespace().lowercased()
        guard let format = ReportFormat(rawValue: folded) else { throw ReportFormatError(value: text, source: source) }
        self = format
    }

    /// The flag's value if given, else `CLOUDFRONT_LOG_FORMAT`, else `auto`.
    public static func choose(flag: String?, environment: [String: String]) throws(ReportFormatError) -> ReportFormat {
        if let flag { return try ReportFormat(parsing: flag, source: "--log-format") }
        if let value = environment[environmentVariable], !value.trimmingASCIIWhitespace().isEmpty {
            return try ReportFormat(parsing: value, source: environmentVariable)
        }
        return .auto
    }

    /// The concrete format for this environment: `auto` becomes `github`, `gitlab` or `plain`.
    public func resolved(in environment: [String: String]) -> ReportFormat {
        guard self == .auto else { return self }
        if Self.isSet("GITHUB_ACTIONS", in: environment) { return .github }
        if Self.isSet("GITLAB_CI", in: environment) { return .gitlab }
        return .plain
    }

    /// True when a CI marker variable is present and not `false` (GitHub and GitLab set `true`).
    static func isSet(_ name: String, in environment: [String: String]) -> Bool {
        guard let value = environment[name]?.trimmingASCIIWhitespace(), !value.isEmpty else { return false }
        return value.lowercased() != "false" && value != "0"
    }
}

/// An unknown log format name; the CLI exits 64 with this message.
public struct ReportFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    public var value: String
    public var source: String

    public var description: String {
        let choices = ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")
        return "\(source) is \"\(value)\", which is not a log format; use one of \(choices)."
    }
}
