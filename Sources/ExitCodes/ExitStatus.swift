/// The contract's exit codes and what each means: the one table that the `--help` text, the log's outcome lines,
/// the plan's wait policy and the CI outputs all read (README "Exit codes", docs).
///
/// Deliberately not `Comparable`: combining several targets' outcomes goes by ``severity``, which is not the order
/// of the codes (a timeout, 124, is milder than a rejection, 1). Use ``worst(_:)``.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    case success = 0
    /// CloudFront rejected the request, or an unexpected failure.
    case rejected = 1
    /// Usage or configuration error; nothing was sent.
    case usage = 64
    /// CloudFront or the network stayed unavailable after every retry.
    case unavailable = 69
    /// No usable credentials, or access denied / signature rejected / token expired.
    case credentials = 77
    /// `--wait` timed out; the invalidations exist and are still in progress.
    case timedOut = 124
    /// SIGINT: the run stopped and reported what it had created.
    case interrupted = 130
    /// SIGTERM: as for SIGINT.
    case terminated = 143

    /// The process exit code.
    public var code: Int32 { rawValue }

    /// The status an exit code stands for, when it is one of the table's.
    public init?(code: Int32) { self.init(rawValue: code) }

    /// How bad an outcome is when several targets' outcomes are combined into the run's: interruption beats
    /// everything, then usage, credentials, unavailability, rejection, and a timeout is the mildest failure.
    public var severity: Int {
        switch self {
        case .success: 0
        case .timedOut: 1
        case .rejected: 2
        case .unavailable: 3
        case .credentials: 4
        case .usage: 5
        case .interrupted, .terminated: 6
        }
    }

    /// The most severe of `statuses`; `.success` when there are none.
    public static func worst(_ statuses: some Sequence<ExitStatus>) -> ExitStatus {
        statuses.reduce(.success) { $1.severity > $0.severity ? $1 : $0 }
    }

    /// The more severe of `self` and `other` (`self` on a tie).
    public func worsened(by other: ExitStatus) -> ExitStatus { other.severity > severity ? other : self }

    /// Whether the run was stopped by a signal.
    public var isInterruption: Bool { self == .interrupted || self == .terminated }

    /// What the code means, as the `--help` text lists it ("124 --wait timed out").
    var meaning: String {
        switch self {
        case .success: "success"
        case .rejected: "rejected by CloudFront"
        case .usage: "usage or configuration error (nothing sent)"
        case .unavailable: "CloudFront or the network unavailable after retries"
        case .credentials: "credentials or access denied"
        case .timedOut: "--wait timed out"
        case .interrupted, .terminated: "interrupted"
        }
    }

    /// How one target ended, for the multi-target summary line ("distribution E1 timed out waiting (exit 124)").
    public var targetOutcome: String {
        switch self {
        case .success: "succeeded"
        case .timedOut: "timed out waiting (exit \(code))"
        case .rejected: "was rejected by CloudFront (exit \(code))"
        case .unavailable: "could not reach CloudFront (exit \(code))"
        case .credentials: "was refused for credentials or access (exit \(code))"
        case .usage: "had a configuration error (exit \(code))"
        case .interrupted, .terminated: "was interrupted (exit \(code))"
        }
    }

    /// The table in one line for `--help`: "Exit codes: 0 success; 1 rejected by CloudFront; …; 130/143
    /// interrupted." Codes with the same meaning share an entry.
    public static var summary: String {
        var entries: [(codes: [Int32], meaning: String)] = []
        for status in allCases {
            if let index = entries.firstIndex(where: { $0.meaning == status.meaning }) {
                entries[index].codes.append(status.code)
            } else {
                entries.append(([status.code], status.meaning))
            }
        }
        let parts = entries.map { entry in
            entry.codes.map(String.init).joined(separator: "/") + " " + entry.meaning
        }
        return "Exit codes: " + parts.joined(separator: "; ") + "."
    }
}
