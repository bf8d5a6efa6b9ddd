import CloudFront
import Credentials
import Resilience
import SigV4
import Synchronization
import TestSupport
import Testing
import Transport

@Suite("CloudFront client: signing, retries, errors")
struct CloudFrontClientTests {
    static let credentials = AWSCredentials(
        accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        sessionToken: "session-token-value")

    static let created = HTTPResponse(
        status: 201,
        headers: [
            HTTPHeader(
                "Location", "https://cloudfront.amazonaws.com/2020-05-31/distribution/E1/invalidation/I2EXAMPLE"),
            HTTPHeader("x-amz-request-id", "req-1"),
        ],
        body: Array(
            """
            <?xml version="1.0"?>
            <Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>I2EXAMPLE</Id>\
            <Status>InProgress</Status><CreateTime>2026-11-21T10:00:00.000Z</CreateTime><InvalidationBatch>\
            <Paths><Quantity>1</Quantity><Items><Path>/index.html</Path></Items></Paths>\
            <CallerReference>ref-1</CallerReference></InvalidationBatch></Invalidation>
            """.utf8))

    static func error(_ status: Int, _ code: String, headers: [HTTPHeader] = []) -> HTTPResponse {
        HTTPResponse(
            status: status, headers: headers,
            body: Array(
                """
                <?xml version="1.0"?><ErrorResponse xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">\
                <Error><Type>Sender</Type><Code>\(code)</Code><Message>message for \(code)</Message></Error>\
                <RequestId>req-\(code)</RequestId></ErrorResponse>
                """.utf8))
    }

    func client(_ transport: FakeTransport, sleeper: RecordingSleeper = RecordingSleeper()) throws -> CloudFrontClient {
        CloudFrontClient(
            endpoint: try CloudFrontEndpoint(parsing: "http://127.0.0.1:8080"), transport: transport,
            credentials: StaticCredentials(Self.credentials),
            retrier: Retrier(policy: RetryPolicy(maxAttempts: 4), sleeper: sleeper, random: FixedRandom(0.5)),
            now: { 1_440_938_160 })
    }

    @Test("A create is signed (session token included) and decoded")
    func signedCreate() async throws {
        let transport = FakeTransport([.respond(Self.created)])
        let invalidation = try await client(transport).createInvalidation(
            target: .distribution("E1"), paths: ["/index.html"], callerReference: "ref-1")
        #expect(invalidation.id == "I2EXAMPLE")
        let request = try #require(transport.sent.first)
        #expect(request.method == "POST")
        #expect(request.url == "http://127.0.0.1:8080/2020-05-31/distribution/E1/invalidation")
        #expect(request.header("Host") == "127.0.0.1:8080")
        #expect(request.header("X-Amz-Date") == "20150830T123600Z")
        #expect(request.header("X-Amz-Security-Token") == "session-token-value")
        let authorization = try #require(request.header("Authorization"))
        #expect(
            authorization.hasPrefix(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/cloudfront/aws4_request"))
        #expect(authorization.contains("x-amz-security-token"))
        #expect(!authorization.contains(Self.credentials.secretAccessKey))
    }

    @Test("503s and resets are retried with the same body (same CallerReference), then succeed")
    func retriesKeepTheBody() async throws {
        let transport = FakeTransport([
            .respond(Self.error(503, "ServiceUnavailable")), .fail(TransportError(.reset, "connection reset")),
            .respond(Self.created),
        ])
        let sleeper = RecordingSleeper()
        _ = try await client(transport, sleeper: sleeper).createInvalidation(
            target: .distribution("E1"), paths: ["/index.html"], callerReference: "ref-1")
        #expect(transport.sent.count == 3)
        #expect(Set(transport.sent.map(\.body)).count == 1, "every attempt sends the same batch")
        #expect(sleeper.delays == [.milliseconds(250), .milliseconds(500)])
    }

    @Test("Throttling honours Retry-After as a floor")
    func throttling() async throws {
        let transport = FakeTransport([
            .respond(Self.error(400, "Throttling", headers: [HTTPHeader("Retry-After", "3")])), .respond(Self.created),
        ])
        let sleeper = RecordingSleeper()
        _ = try await client(transport, sleeper: sleeper).createInvalidation(
            target: .distribution("E1"), paths: ["/index.html"], callerReference: "ref-1")
        #expect(sleeper.delays == [.seconds(3)])
    }

    @Test(
        "A huge Retry-After is waited out only up to the backoff cap, never crashes (issue 13 item 1)",
        arguments: ["1e300", "inf", "Infinity", "1e18", "9223372036854775"])
    func hugeRetryAfter(value: String) async throws {
        let transport = FakeTransport([
            .respond(Self.error(400, "Throttling", headers: [HTTPHeader("Retry-After", value)])),
            .respond(Self.created),
        ])
        let sleeper = RecordingSleeper()
        _ = try await client(transport, sleeper: sleeper).createInvalidation(
            target: .distribution("E1"), paths: ["/index.html"], callerReference: "ref-1")
        #expect(sleeper.delays == [.seconds(20)])
    }

    @Test("A client limited by a deadline stops retrying before it and bounds each exchange (issue 13 item 11)")
    func deadline() async throws {
        let time = ManualTime()
        let transport = FakeTransport(
            Array(
                repeating: .respond(Self.error(400, "Throttling", headers: [HTTPHeader("Retry-After", "120")])),
                count: 10))
        let client = CloudFrontClient(
            endpoint: try CloudFrontEndpoint(parsing: "http://127.0.0.1:8080"), transport: transport,
            credentials: StaticCredentials(Self.credentials),
            retrier: Retrier(policy: RetryPolicy(maxAttempts: 5), sleeper: time, random: FixedRandom(0.5), clock: time),
            now: { 1_440_938_160 }
        ).limited(by: Deadline(start: .zero, timeout: .seconds(30)))
        let error = await #expect(throws: CloudFrontClientError.self) {
            try await client.createInvalidation(
                target: .distribution("E1"), paths: ["/index.html"], callerReference: "ref-1")
        }
        guard case .service(let service, let attempts) = error else {
            Issue.record("expected the throttling error, got \(String(describing: error))")
            return
        }
        #expect(service.code == "Throttling")
        #expect(attempts == 2, "attempts at 0 s and 20 s; a third would start at 40 s, after the 30 s limit")
        #expect(time.now() == .seconds(20))
        #expect(transport.sent.map(\.timeout) == [.seconds(30), .seconds(10)])
    }

    @Test("A rejection is not retried and keeps code, message and request ID")
    func rejection() async throws {
        let transport = FakeTransport([.respond(Self.error(404, "NoSuchDistribution"))])
        let error = await #expect(throws: CloudFrontClientError.self) {
            try await client(transport).createInvalidation(
                target: .distribution("E1"), paths: ["/index.html"], callerReference: "ref-1")
        }
        guard case .service(let service, let attempts) = error else {
            Issue.record("expected a service error, got \(String(describing: error))")
            return
        }
        #expect(service.code == "NoSuchDistribution")
        #expect(service.requestID == "req-NoSuchDistribution")
        #expect(attempts == 1)
        #expect(transport.sent.count == 1)
    }

    @Test("Persistent 5xx gives up after maxAttempts")
    func exhausted() async throws {
        let transport = FakeTransport(Array(repeating: .respond(Self.error(503, "ServiceUnavailable")), count: 10))
        let error = await #expect(throws: CloudFrontClientError.self) {
            try await client(transport).getInvalidation(target: .distribution("E1"), id: "I1")
        }
        guard case .service(_, let attempts) = error else {
            Issue.record("expected a service error")
            return
        }
        #expect(attempts == 4)
        #expect(transport.sent.count == 4)
    }

    @Test("Missing credentials fail before anything is sent")
    func noCredentials() async throws {
        let transport = FakeTransport([.respond(Self.created)])
        let client = CloudFrontClient(
            endpoint: try CloudFrontEndpoint(parsing: "http://127.0.0.1:8080"), transport: transport,
            credentials: EnvironmentCredentialProvider(environment: [:]), now: { 0 })
        let error = await #expect(throws: CloudFrontClientError.self) {
            try await client.createInvalidation(target: .distribution("E1"), paths: ["/"], callerReference: "r")
        }
        guard case .credentials = error else {
            Issue.record("expected a credentials error")
            return
        }
        #expect(transport.sent.isEmpty)
    }
}
