import Resilience
import Synchronization
import TestSupport
import Testing
import Transport

/// The transport decorator and its gate, on a hand-driven clock.
@Suite("Rate-limited transport")
struct RateLimitedTransportTests {
    static let throttling = HTTPResponse(
        status: 400,
        body: Array(
            ("<ErrorResponse xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\"><Error><Type>Sender</Type>"
                + "<Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>").utf8))
    static let ok = HTTPResponse(status: 200, body: Array("<Invalidation/>".utf8))

    static func seconds(_ time: ManualTime) -> @Sendable () -> Double {
        { Double(time.now().components.seconds) + Double(time.now().components.attoseconds) / 1e18 }
    }

    @Test("Throttling is read from 429 and from the error code in the body")
    func detector() {
        #expect(ThrottlingDetector.isThrottling(Self.throttling))
        #expect(ThrottlingDetector.isThrottling(HTTPResponse(status: 429)))
        #expect(!ThrottlingDetector.isThrottling(Self.ok))
        let denied = HTTPResponse(status: 403, body: Array("<Error><Code>AccessDenied</Code></Error>".utf8))
        #expect(!ThrottlingDetector.isThrottling(denied))
        let slow = HTTPResponse(status: 503, body: Array("<Error><Code>SlowDown</Code></Error>".utf8))
        #expect(ThrottlingDetector.isThrottling(slow))
        #expect(!ThrottlingDetector.isThrottling(HTTPResponse(status: 200, body: Self.throttling.body)))
    }

    @Test("Every request passes the gate: a throttling answer is counted and slows the next sends")
    func throttlingSlowsSends() async throws {
        let time = ManualTime()
        let gate = RequestGate(settings: .init(maxRate: 20), now: Self.seconds(time))
        let base = FakeTransport(
            Array(repeating: .respond(Self.ok), count: 20) + [.respond(Self.throttling)]
                + Array(repeating: .respond(Self.ok), count: 10))
        let transport = RateLimitedTransport(wrapping: base, gate: gate, sleeper: time)
        for _ in 0..<31 { _ = try await transport.send(HTTPRequest(method: "GET", url: "http://127.0.0.1/x")) }
        let snapshot = await gate.snapshot
        #expect(snapshot.sent == 31)
        #expect(snapshot.throttled == 1)
        #expect(snapshot.inFlight == 0)
        #expect(snapshot.rate < 20)
        let sleeps = time.sleeps
        // Before the throttle the requests were spaced at the cap (50 ms), after it wider.
        #expect(sleeps.prefix(5).allSatisfy { $0 <= .milliseconds(50) })
        #expect(sleeps.suffix(5).allSatisfy { $0 > .milliseconds(50) })
    }

    @Test("A transport failure gives the slot back and says nothing about the rate")
    func failureReleases() async {
        let time = ManualTime()
        let gate = RequestGate(maxConcurrent: 1, now: Self.seconds(time))
        let transport = RateLimitedTransport(
            wrapping: FakeTransport([.fail(TransportError(.reset, "reset")), .respond(Self.ok)]), gate: gate,
            sleeper: time)
        await #expect(throws: TransportError.self) {
            try await transport.send(HTTPRequest(method: "GET", url: "http://127.0.0.1/x"))
        }
        let response = try? await transport.send(HTTPRequest(method: "GET", url: "http://127.0.0.1/x"))
        #expect(response == Self.ok)
        let snapshot = await gate.snapshot
        #expect(snapshot.sent == 2 && snapshot.throttled == 0 && snapshot.inFlight == 0)
    }

    @Test("At most maxConcurrent requests hold a slot; the next one enters when one leaves")
    func boundedConcurrency() async throws {
        let time = ManualTime()
        let gate = RequestGate(maxConcurrent: 2, now: Self.seconds(time))
        let first = try await gate.enter()
        _ = try await gate.enter()
        let entered = Mutex(false)
        let third = Task {
            _ = try await gate.enter()
            entered.withLock { $0 = true }
        }
        for _ in 0..<50 { await Task.yield() }
        #expect(!entered.withLock { $0 })
        #expect(await gate.snapshot.inFlight == 2)
        await gate.leave(first, throttled: false)
        try await third.value
        #expect(entered.withLock { $0 })
        #expect(await gate.snapshot.inFlight == 2)
    }
}
