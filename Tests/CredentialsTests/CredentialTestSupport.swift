import Credentials
import Foundation
import Resilience
import Synchronization
import TestSupport
import Transport

/// 2023-11-14T22:13:20Z.
let fixedNow: Double = 1_700_000_000

/// A context with the given environment and in-memory files; nothing touches the disk, network or processes.
func makeContext(
    environment: [String: String] = [:], files: [String: String] = [:],
    transport: any HTTPTransport = FakeTransport([]),
    metadataTransport: (any HTTPTransport)? = nil, processRunner: any ProcessRunner = FakeProcessRunner(),
    now: @escaping @Sendable () -> Double = { fixedNow }, secrets: SecretSink = SecretSink()
) -> CredentialSourceContext {
    CredentialSourceContext(
        environment: environment,
        readFile: { path in
            guard let text = files[path] else { throw MissingFile(path: path) }
            return text
        },
        transport: transport, metadataTransport: metadataTransport, processRunner: processRunner, now: now,
        retrier: Retrier(policy: RetryPolicy(maxAttempts: 3), sleeper: RecordingSleeper(), random: FixedRandom(0)),
        secrets: secrets)
}

struct MissingFile: Error {
    var path: String
}

/// Answers `run` with a fixed outcome and records the arguments.
final class FakeProcessRunner: ProcessRunner {
    private let state: Mutex<(outcome: ProcessOutcome, calls: [[String]])>

    init(_ outcome: ProcessOutcome = ProcessOutcome(termination: .failedToStart("no fake outcome"))) {
        state = Mutex((outcome, []))
    }

    var calls: [[String]] { state.withLock { $0.calls } }

    func run(_ arguments: [String], environment: [String: String], limits: ProcessLimits) async -> ProcessOutcome {
        state.withLock {
            $0.calls.append(arguments)
            return $0.outcome
        }
    }
}

/// Collects what a `SecretSink` announces.
final class SecretLog: Sendable {
    /// The values, in announcement order.
    final class Box: Sendable {
        let values = Mutex<[String]>([])
    }

    let sink: SecretSink
    private let box: Box

    init() {
        let box = Box()
        self.box = box
        sink = SecretSink(onSecret: { value in box.values.withLock { $0.append(value) } })
    }

    var recorded: [String] { box.values.withLock { $0 } }
}

/// `application/x-www-form-urlencoded` text decoded into a dictionary.
func formFields(_ body: [UInt8]) -> [String: String] {
    var fields: [String: String] = [:]
    for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
        let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
        let name = parts[0].removingPercentEncoding ?? parts[0]
        fields[name] = parts.count > 1 ? (parts[1].removingPercentEncoding ?? parts[1]) : ""
    }
    return fields
}

/// The query items of a URL.
func queryItems(_ url: String) -> [String: String] {
    let items = URLComponents(string: url)?.queryItems ?? []
    return Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
}

/// An STS success document for `operation`.
func stsAnswer(
    _ operation: String, keyID: String = "ASIASTSEXAMPLE", secret: String = "sts-secret-0123456789",
    token: String = "sts-session-token-0123456789", expiration: String = "2023-11-14T23:13:20Z"
) -> FakeTransport.Step {
    .respond(
        HTTPResponse(
            status: 200,
            body: Array(
                """
                <\(operation)Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <\(operation)Result><Credentials>
                    <AccessKeyId>\(keyID)</AccessKeyId><SecretAccessKey>\(secret)</SecretAccessKey>
                    <SessionToken>\(token)</SessionToken><Expiration>\(expiration)</Expiration>
                  </Credentials></\(operation)Result>
                  <ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>
                </\(operation)Response>
                """.utf8)))
}

/// An STS error document.
func stsError(status: Int, code: String, message: String) -> FakeTransport.Step {
    .respond(
        HTTPResponse(
            status: status,
            body: Array(
                """
                <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <Error><Type>Sender</Type><Code>\(code)</Code><Message>\(message)</Message></Error>
                  <RequestId>req-err</RequestId>
                </ErrorResponse>
                """.utf8)))
}

/// A JSON answer.
func jsonAnswer(_ text: String, status: Int = 200) -> FakeTransport.Step {
    .respond(
        HTTPResponse(status: status, headers: [HTTPHeader("Content-Type", "application/json")], body: Array(text.utf8)))
}

/// A provider that counts calls and answers from a list (the last answer repeats).
final class ScriptedProvider: CredentialProvider {
    let sourceName: String
    private let state: Mutex<(answers: [Result<ResolvedCredentials, CredentialError>], calls: Int)>

    init(_ name: String, _ answers: [Result<ResolvedCredentials, CredentialError>]) {
        sourceName = name
        state = Mutex((answers, 0))
    }

    var calls: Int { state.withLock { $0.calls } }

    func resolve() async throws(CredentialError) -> ResolvedCredentials {
        let answer = state.withLock { state in
            state.calls += 1
            return state.answers.count > 1 ? state.answers.removeFirst() : state.answers[0]
        }
        return try answer.get()
    }
}
