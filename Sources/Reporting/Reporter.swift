import SigV4

/// Renders run events for one audience (plain terminal, GitHub Actions, GitLab CI).
///
/// Implementations are called from concurrent tasks (targets run concurrently): each call writes whole lines under a
/// lock, so lines from different targets never interleave within a line.
public protocol Reporter: Sendable {
    func report(_ event: RunEvent)

    /// Registers a secret (secret key, session token, OIDC token) before it could appear anywhere.
    ///
    /// Every reporter replaces registered values with `***` in everything it writes (log lines and CI files); the
    /// GitHub reporter also prints `::add-mask::` so the runner masks the value in the rest of the job's log.
    /// Call it as soon as a secret is known, before any event that could carry it.
    func mask(_ secret: String)

    /// `text` as it may be shown to a person: registered secrets masked and request-signing material a server
    /// echoed scrubbed (``Redaction``). Everything a reporter writes passes through it; the CLI uses it for stdout.
    func redact(_ text: String) -> String

    /// True when progress is shown as one live line (a terminal): the waiter then reports after every poll
    /// instead of once a minute.
    var showsLiveProgress: Bool { get }
}

extension Reporter {
    /// Reporters without a log to protect ignore secrets.
    public func mask(_ secret: String) {}

    /// Without registered secrets, signing material is still scrubbed.
    public func redact(_ text: String) -> String { Redaction.redact(text, secrets: []) }

    /// CI logs get a heartbeat at most once a minute.
    public var showsLiveProgress: Bool { false }
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
