/// Renders run events for one audience (plain terminal, GitHub Actions, GitLab CI).
public protocol Reporter: Sendable {
    func report(_ event: RunEvent)
}

/// How much of the log to show.
public enum Verbosity: Int, Sendable, Comparable {
    /// Errors only (`-q`).
    case quiet
    case normal
    /// Request IDs, retry reasons and timings (`-v`).
    case verbose

    public static func < (lhs: Verbosity, rhs: Verbosity) -> Bool { lhs.rawValue < rhs.rawValue }
}
