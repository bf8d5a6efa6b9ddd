import ChangeLists
import CloudFront
import Credentials
import ExitCodes
import InvalidationRuns
import Reporting
import Resilience
import SigV4
import Synchronization
import TestSupport
import Transport

/// A world with no outside: a manual clock that moves only when something sleeps, fixed jitter, static
/// credentials, the given transport, no files, and a result channel that records.
struct TestWorld: RunWorld {
    let time: ManualTime
    let http: any HTTPTransport
    let results = Lines()
    var environment: [String: String] = [:]
    /// The signal a test pretends arrived; the test cancels the run's task itself.
    var signal: Interruption? = nil

    init(_ http: any HTTPTransport, time: ManualTime = ManualTime()) {
        self.http = http
        self.time = time
    }

    var clock: any MonotonicClock { time }
    var sleeper: any Sleeper { time }
    var random: any UnitRandomSource { FixedRandom(0.5) }
    func epochSeconds() -> Double { 1_764_000_000 }
    func transport() -> any HTTPTransport { http }

    func credentialProvider(settings: CredentialChainSettings, reporter: any Reporter) -> any CredentialProvider {
        StaticCredentials(AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "not-a-real-secret"))
    }

    func readTextFile(_ path: String) throws -> String { throw NoFiles(path: path) }
    func readFile(_ path: String, limit: Int) throws -> [UInt8] { throw NoFiles(path: path) }
    func fileExists(_ path: String) -> Bool { false }
    func directoryEntries(_ path: String) -> Set<String> { [] }
    var changeListFiles: any ChangeListFileSystem { LocalFileSystem() }
    var git: any GitRunner { NoGit() }
    func writeResult(_ line: String) { results.append(line) }
    var interruption: Interruption? { signal }
}

/// Lines written to a channel, in order.
final class Lines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

/// Every event a run reported, in order.
final class RecordingReporter: Reporter {
    private let recorded = Mutex<[RunEvent]>([])
    func report(_ event: RunEvent) { recorded.withLock { $0.append(event) } }
    var events: [RunEvent] { recorded.withLock { $0 } }

    /// The `.finished` document, when the run reported one.
    var document: ResultDocument? {
        for event in events {
            if case .finished(let document) = event { return document }
        }
        return nil
    }
}

struct NoFiles: Error {
    var path: String
}

/// A git that is never there: these tests use no change lists.
struct NoGit: GitRunner {
    func run(_ arguments: [String], in directory: String) throws -> [UInt8] {
        throw ChangeListError(input: "git", message: "no git in unit tests")
    }
}

/// CloudFront's answers, as the API documents them.
enum Answer {
    /// An `<Invalidation>` document: 201 for a create, 200 for a get.
    static func invalidation(_ id: String, status: String, code: Int = 201) -> FakeTransport.Step {
        .respond(
            HTTPResponse(
                status: code, headers: [HTTPHeader("x-amz-request-id", "req-\(id)")],
                body: Array(
                    """
                    <?xml version="1.0"?>
                    <Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>\(id)</Id>\
                    <Status>\(status)</Status><CreateTime>2026-11-21T10:00:00.000Z</CreateTime><InvalidationBatch>\
                    <Paths><Quantity>1</Quantity><Items><Path>/index.html</Path></Items></Paths>\
                    <CallerReference>ref-\(id)</CallerReference></InvalidationBatch></Invalidation>
                    """.utf8)))
    }

    /// An AWS error document.
    static func error(_ status: Int, _ code: String) -> FakeTransport.Step {
        .respond(
            HTTPResponse(
                status: status, headers: [],
                body: Array(
                    """
                    <?xml version="1.0"?><ErrorResponse xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">\
                    <Error><Type>Sender</Type><Code>\(code)</Code><Message>message for \(code)</Message></Error>\
                    <RequestId>req-\(code)</RequestId></ErrorResponse>
                    """.utf8)))
    }
}

extension HTTPRequest {
    /// Whether this is a CreateInvalidation for distribution `id`.
    func isCreate(_ id: String) -> Bool { method == "POST" && url.hasSuffix("/distribution/\(id)/invalidation") }
    /// Whether this is a GetInvalidation.
    var isGet: Bool { method == "GET" && url.contains("/invalidation/") }
}

/// The task of a run under test, so a fake can cancel it the way the live signal handler does.
final class RunningTask: Sendable {
    private let task = Mutex<Task<ExitStatus, Never>?>(nil)
    func set(_ running: Task<ExitStatus, Never>) { task.withLock { $0 = running } }
    func cancel() { task.withLock { $0?.cancel() } }
}
