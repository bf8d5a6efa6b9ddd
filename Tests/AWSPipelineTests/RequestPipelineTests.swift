import AWSPipeline
import Resilience
import SigV4
import Synchronization
import TestSupport
import Testing
import Transport

/// The one pipeline under every AWS client: signing, classification, retries with Retry-After and the deadline,
/// error XML, and the retry log.
@Suite("AWS request pipeline")
struct RequestPipelineTests {
    static let credentials = AWSCredentials(
        accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    static let sts = AWSService(
        name: "STS", signingName: "sts", region: "eu-west-1", transientCodes: ["IDPCommunicationError"])

    static func error(_ status: Int, _ code: String, headers: [HTTPHeader] = []) -> HTTPResponse {
        HTTPResponse(
            status: status, headers: headers,
            body: Array(
                """
                <ErrorResponse><Error><Type>Sender</Type><Code>\(code)</Code><Message>about \(code)</Message></Error>\
                <RequestId>req-\(code)</RequestId></ErrorResponse>
                """.utf8))
    }

    static let request = HTTPRequest(method: "POST", url: "https://sts.eu-west-1.amazonaws.com:8443/?a=1", body: [1])

    func pipeline(
        _ transport: FakeTransport, sleeper: any Sleeper = RecordingSleeper(), clock: any MonotonicClock = ManualTime(),
        notices: Notices = Notices()
    ) -> RequestPipeline {
        RequestPipeline(
            service: Self.sts, transport: transport,
            retrier: Retrier(
                policy: RetryPolicy(maxAttempts: 4), sleeper: sleeper, random: FixedRandom(0), clock: clock),
            now: { 1_440_938_160 }, onRetry: { notices.append($0) })
    }

    @Test("Signed attempts carry Host (the URL's authority) and SigV4 for the service and region")
    func signs() async throws {
        let transport = FakeTransport([.respond(HTTPResponse(status: 200))])
        _ = try await pipeline(transport).send("AssumeRole", Self.request, signing: .sigV4({ Self.credentials }))
        let sent = try #require(transport.sent.first)
        #expect(sent.header("Host") == "sts.eu-west-1.amazonaws.com:8443")
        let authorization = try #require(sent.header("Authorization"))
        #expect(authorization.contains("Credential=AKIDEXAMPLE/20150830/eu-west-1/sts/aws4_request"))
    }

    @Test("Unsigned attempts go out as built")
    func unsigned() async throws {
        let transport = FakeTransport([.respond(HTTPResponse(status: 200))])
        _ = try await pipeline(transport).send("AssumeRoleWithWebIdentity", Self.request, signing: .unsigned)
        #expect(transport.sent.first?.header("Authorization") == nil)
    }

    @Test("Retry-After is honoured for every service (STS ignored it before)")
    func retryAfter() async throws {
        let transport = FakeTransport([
            .respond(Self.error(400, "Throttling", headers: [HTTPHeader("Retry-After", "4")])),
            .respond(HTTPResponse(status: 200)),
        ])
        let sleeper = RecordingSleeper()
        let notices = Notices()
        _ = try await pipeline(transport, sleeper: sleeper, notices: notices).send(
            "AssumeRole", Self.request, signing: .unsigned)
        #expect(sleeper.delays == [.seconds(4)])
        #expect(
            notices.all == [
                RetryNotice(
                    service: "STS", operation: "AssumeRole", attempt: 1, delay: .seconds(4),
                    reason: "throttled (Throttling)")
            ])
    }

    @Test(
        "One classification for every service: throttling list, 429, 5xx, transient codes, the rest permanent",
        arguments: [
            (400, "Throttling", true), (400, "ThrottlingException", true), (400, "RequestLimitExceeded", true),
            (429, "Whatever", true), (503, "ServiceUnavailable", true), (500, "InternalFailure", true),
            (400, "IDPCommunicationError", true), (400, "RequestTimeout", true), (403, "AccessDenied", false),
            (400, "InvalidArgument", false), (404, "NoSuchDistribution", false),
        ])
    func classification(status: Int, code: String, retried: Bool) async throws {
        let transport = FakeTransport([.respond(Self.error(status, code)), .respond(HTTPResponse(status: 200))])
        let result = await #expect(throws: Never.self) {
            _ = try? await pipeline(transport).send("Op", Self.request, signing: .unsigned)
        }
        _ = result
        #expect(transport.sent.count == (retried ? 2 : 1))
    }

    @Test("A failure keeps the service's error XML and the attempt count")
    func failure() async throws {
        let transport = FakeTransport(Array(repeating: .respond(Self.error(503, "ServiceUnavailable")), count: 9))
        let error = await #expect(throws: PipelineFailure.self) {
            try await pipeline(transport).send("AssumeRole", Self.request, signing: .unsigned)
        }
        guard case .service(let service, let attempts) = error else {
            Issue.record("expected a service failure, got \(String(describing: error))")
            return
        }
        #expect(attempts == 4)
        #expect(
            service
                == AWSServiceError(
                    service: "STS", status: 503, code: "ServiceUnavailable", message: "about ServiceUnavailable",
                    requestID: "req-ServiceUnavailable",
                    rawBody: String(decoding: Self.error(503, "x").body, as: UTF8.self)
                        .replacing("x", with: "ServiceUnavailable")))
        #expect(service.description.hasPrefix("STS answered HTTP 503 ServiceUnavailable"))
    }

    @Test("Credentials that cannot be had stop the call before anything is sent, without retries")
    func signingFailure() async throws {
        struct NoCredentials: Error {}
        let transport = FakeTransport([.respond(HTTPResponse(status: 200))])
        let error = await #expect(throws: PipelineFailure.self) {
            try await pipeline(transport).send("AssumeRole", Self.request, signing: .sigV4({ throw NoCredentials() }))
        }
        guard case .signing(let underlying) = error else {
            Issue.record("expected a signing failure")
            return
        }
        #expect(underlying is NoCredentials)
        #expect(transport.sent.isEmpty)
    }

    @Test("A cancelled transfer is a cancellation, not a failure to retry")
    func cancelled() async throws {
        let transport = FakeTransport([
            .fail(TransportError(.cancelled, "cancelled")), .respond(HTTPResponse(status: 200)),
        ])
        let error = await #expect(throws: PipelineFailure.self) {
            try await pipeline(transport).send("AssumeRole", Self.request, signing: .unsigned)
        }
        guard case .cancelled = error else {
            Issue.record("expected .cancelled, got \(String(describing: error))")
            return
        }
        #expect(transport.sent.count == 1)
    }

    @Test("A deadline bounds the retries and each exchange")
    func deadline() async throws {
        let time = ManualTime()
        let transport = FakeTransport(Array(repeating: .respond(Self.error(500, "InternalFailure")), count: 9))
        let bounded = RequestPipeline(
            service: Self.sts, transport: transport,
            retrier: Retrier(
                policy: RetryPolicy(maxAttempts: 9), sleeper: time, random: FixedRandom(0.999), clock: time),
            now: { 0 }
        ).limited(by: Deadline(start: .zero, timeout: .seconds(3)))
        await #expect(throws: PipelineFailure.self) {
            try await bounded.send("AssumeRole", Self.request, signing: .unsigned)
        }
        // Ceilings 0.5, 1, 2 s (× 0.999): attempts at 0, ~0.5 and ~1.5 s; the next delay (~2 s) would pass 3 s.
        #expect(transport.sent.count == 3)
        #expect(transport.sent.first?.timeout == RequestPipeline.shortestExchange, "never less than 5 s an exchange")
        #expect(time.now() < .seconds(3))
    }
}

/// Collects retry notices from the pipeline's callback.
final class Notices: Sendable {
    private let notices = Mutex<[RetryNotice]>([])
    func append(_ notice: RetryNotice) { notices.withLock { $0.append(notice) } }
    var all: [RetryNotice] { notices.withLock { $0 } }
}
