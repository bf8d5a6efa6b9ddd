import Credentials
import Resilience
import SigV4
import Synchronization
import Transport

/// Records requested delays and returns at once, so retry and poll loops run without sleeping.
public final class RecordingSleeper: Sleeper {
    private let recorded = Mutex<[Duration]>([])
    public init() {}
    public var delays: [Duration] { recorded.withLock { $0 } }
    public func sleep(for duration: Duration) async throws { recorded.withLock { $0.append(duration) } }
}

/// Always the same jitter draw.
public struct FixedRandom: UnitRandomSource {
    let value: Double
    public init(_ value: Double) { self.value = value }
    public func next() -> Double { value }
}

/// A thread-safe counter for closures.
public final class Counter: Sendable {
    private let count = Mutex(0)
    public init() {}
    public var value: Int { count.withLock { $0 } }
    public func increment() { count.withLock { $0 += 1 } }
}

/// Fixed credentials.
public struct StaticCredentials: CredentialProvider {
    let credentials: AWSCredentials
    public init(_ credentials: AWSCredentials) { self.credentials = credentials }
    public var sourceName: String { "static" }
    public func resolve() async throws(CredentialError) -> ResolvedCredentials {
        ResolvedCredentials(credentials: credentials, source: sourceName)
    }
}

/// Answers requests from a script, in order, and records every request it was sent.
public final class FakeTransport: HTTPTransport {
    public enum Step: Sendable {
        case respond(HTTPResponse)
        case fail(TransportError)
    }

    private let state: Mutex<(script: [Step], sent: [HTTPRequest])>

    public init(_ script: [Step]) {
        state = Mutex((script, []))
    }

    public var sent: [HTTPRequest] { state.withLock { $0.sent } }

    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        let step: Step = state.withLock { state in
            state.sent.append(request)
            guard !state.script.isEmpty else {
                return .fail(TransportError(.other, "FakeTransport: no scripted answer left"))
            }
            return state.script.removeFirst()
        }
        switch step {
        case .respond(let response): return response
        case .fail(let error): throw error
        }
    }
}

/// A clock that moves only when something sleeps on it: loops with deadlines run instantly and deterministically.
public final class ManualTime: MonotonicClock, Sleeper {
    private let state = Mutex<(now: Duration, sleeps: [Duration])>((.zero, []))
    public init(start: Duration = .zero) { state.withLock { $0.now = start } }
    public func now() -> Duration { state.withLock { $0.now } }
    public var sleeps: [Duration] { state.withLock { $0.sleeps } }
    public func advance(by duration: Duration) { state.withLock { $0.now += duration } }
    public func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        state.withLock {
            $0.sleeps.append(duration)
            $0.now += duration
        }
    }
}
