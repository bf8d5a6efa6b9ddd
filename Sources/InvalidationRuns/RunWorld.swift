import ChangeLists
import Configuration
import Credentials
import ExitCodes
import Reporting
import Resilience
import Transport

/// Everything a run touches outside itself: environment, files, time, network, credentials, the result channel and
/// signals.
///
/// The CLI builds the live world; tests hand in fakes (a scripted transport, a manual clock). The core reaches the
/// outside only through this, so its whole path runs in a unit test without sleeping, a network or a process.
public protocol RunWorld: Sendable {
    /// The process environment as a dictionary (`CLOUDFRONT_*`, `AWS_*`, CI variables); never read from the process.
    var environment: [String: String] { get }
    /// Monotonic time for deadlines, elapsed times and the poll schedule.
    var clock: any MonotonicClock { get }
    /// Waits between polls and retries; throws `CancellationError` once the run is cancelled.
    var sleeper: any Sleeper { get }
    /// Jitter for retry backoff.
    var random: any UnitRandomSource { get }
    /// Seconds since 1970, for request signing and credential expiry.
    func epochSeconds() -> Double
    /// The HTTP transport to CloudFront.
    func transport() -> any HTTPTransport
    /// The credential chain for `settings`; every secret it obtains goes to `reporter.mask` before it is used.
    func credentialProvider(settings: CredentialChainSettings, reporter: any Reporter) -> any CredentialProvider
    /// A whole text file (a paths file, the pipeline file), or standard input for "-".
    func readTextFile(_ path: String) throws -> String
    /// The paths of a paths file (standard input for "-"), read as it streams in under ``PathsFile``'s limits.
    func readPaths(_ path: String) throws -> [String]
    /// At most `limit + 1` bytes of a file (standard input for "-"), so an oversized file is refused unread.
    func readFile(_ path: String, limit: Int) throws -> [UInt8]
    /// Whether a file exists (the default pipeline file).
    func fileExists(_ path: String) -> Bool
    /// Names in a directory (for the shell-expansion guard); empty when it cannot be read.
    func directoryEntries(_ path: String) -> Set<String>
    /// File access for change lists and manifests.
    var changeListFiles: any ChangeListFileSystem { get }
    /// git, for `--from-git`.
    var git: any GitRunner { get }
    /// Writes one line to the result channel (stdout): an invalidation ID, a status, or the JSON document.
    func writeResult(_ line: String)
    /// The signal that stopped the run, once one arrived; nil before.
    var interruption: Interruption? { get }
}

/// A signal that stopped the run: its name for the log and the outcome it stands for (130 or 143).
public struct Interruption: Sendable, Equatable {
    public var signalName: String
    public var status: ExitStatus

    public init(signalName: String, status: ExitStatus) {
        self.signalName = signalName
        self.status = status
    }
}

extension RunWorld {
    /// Paths files parsed from the whole text, for worlds without a streaming reader (test doubles).
    public func readPaths(_ path: String) throws -> [String] { PathsFile.parse(try readTextFile(path)) }
}
