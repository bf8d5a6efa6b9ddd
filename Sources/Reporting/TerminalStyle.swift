/// ANSI colour for log prefixes, or none.
///
/// Plain logs colour only when stderr is a terminal, `NO_COLOR` is unset or empty (https://no-color.org) and `TERM`
/// is not `dumb`. GitLab's job log renders ANSI colour although the job has no terminal, so the GitLab reporter
/// colours unless `NO_COLOR` is set. GitHub's log renders colour too, but its annotations carry the severity, so the
/// GitHub reporter never colours (annotation text must stay free of escape codes).
struct TerminalStyle: Sendable {
    let enabled: Bool

    static let none = TerminalStyle(enabled: false)

    /// Colour for a plain log.
    static func plain(environment: [String: String], isTerminal: Bool) -> TerminalStyle {
        TerminalStyle(enabled: isTerminal && !noColor(environment) && environment["TERM"] != "dumb")
    }

    /// Colour for a GitLab job log: on unless `NO_COLOR` asks otherwise.
    static func gitlab(environment: [String: String]) -> TerminalStyle {
        TerminalStyle(enabled: !noColor(environment))
    }

    /// `NO_COLOR` present with any non-empty value.
    static func noColor(_ environment: [String: String]) -> Bool {
        !(environment["NO_COLOR"] ?? "").isEmpty
    }

    func paint(_ text: String, _ level: LogLevel) -> String {
        guard enabled, let code = Self.code(level) else { return text }
        return "\u{1B}[\(code)m" + text + "\u{1B}[0m"
    }

    /// Bold, for section headers.
    func bold(_ text: String) -> String {
        enabled ? "\u{1B}[1m" + text + "\u{1B}[0m" : text
    }

    private static func code(_ level: LogLevel) -> String? {
        switch level {
        case .error: "1;31"
        case .warning: "33"
        case .notice: "36"
        case .success: "32"
        case .detail: "2"
        case .info: nil
        }
    }
}
