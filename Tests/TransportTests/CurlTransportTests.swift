import CCurl
import Dispatch
import Testing

@testable import Transport

/// CurlTransport against a loopback server: what it reads from an answer and how it refuses a hostile one.
@Suite("CurlTransport over loopback")
struct CurlTransportTests {
    @Test("Status, headers of the final answer and body are read; the request goes out as built")
    func roundTrip() async throws {
        let server = try LoopbackServer { _, _ in
            .http(status: 201, headers: [("X-Amz-Request-Id", " req-1 "), ("Location", "/x")], body: Array("hi".utf8))
        }
        defer { server.stop() }
        let response = try await CurlTransport().send(
            HTTPRequest(
                method: "POST", url: server.url + "/path?q=1", headers: [HTTPHeader("X-Test", "yes")],
                body: Array("<a/>".utf8)))
        #expect(response.status == 201)
        #expect(response.header("x-amz-request-id") == "req-1")
        #expect(response.header("location") == "/x")
        #expect(response.bodyText == "hi")
        let head = try #require(server.requests.first)
        #expect(head.hasPrefix("POST /path?q=1 HTTP/1.1"))
        #expect(head.contains("X-Test: yes"))
        #expect(!head.contains("Expect:"), "no 100-continue round trip")
    }

    @Test("A body over the cap is refused by name, not as a network failure (issue 13 item 14)")
    func bodyCap() async throws {
        let server = try LoopbackServer { _, _ in .http(body: Array(repeating: 65, count: 5000)) }
        defer { server.stop() }
        let transport = CurlTransport(configuration: .init(maxResponseBytes: 4096))
        let error = await #expect(throws: TransportError.self) {
            try await transport.send(HTTPRequest(method: "GET", url: server.url + "/"))
        }
        #expect(error?.kind == .responseTooLarge)
        #expect(error?.message.contains("larger than 4 KiB") == true)
        #expect(error?.message.contains("..") == false)
    }

    @Test("A 300 KB header line is refused as an oversized answer, not 'Out of memory' (issue 13 item 14)")
    func giantHeaderLine() async throws {
        let server = try LoopbackServer { _, _ in .http(headers: [("X-Big", String(repeating: "a", count: 300_000))]) }
        defer { server.stop() }
        let error = await #expect(throws: TransportError.self) {
            try await CurlTransport().send(HTTPRequest(method: "GET", url: server.url + "/"))
        }
        #expect(error?.kind == .responseTooLarge)
        #expect(error?.message.contains("header line longer than libcurl accepts") == true)
    }

    @Test("Headers past the 64 KiB cap in all are refused")
    func headerCap() async throws {
        let headers = (0..<100).map { ("X-H\($0)", String(repeating: "b", count: 1000)) }
        let server = try LoopbackServer { _, _ in .http(headers: headers) }
        defer { server.stop() }
        let error = await #expect(throws: TransportError.self) {
            try await CurlTransport().send(HTTPRequest(method: "GET", url: server.url + "/"))
        }
        #expect(error?.kind == .responseTooLarge)
        #expect(error?.message.contains("headers were larger than 64 KiB") == true)
    }

    @Test("A refused connection is a connect failure (retryable)")
    func refused() async throws {
        let server = try LoopbackServer { _, _ in .http() }
        let url = server.url
        server.stop()
        let error = await #expect(throws: TransportError.self) {
            try await CurlTransport().send(HTTPRequest(method: "GET", url: url + "/"))
        }
        #expect(error?.kind == .connect)
    }

    @Test("Sequential requests reuse one connection (issue 14: a wait of many polls is one TCP/TLS connection)")
    func reuse() async throws {
        let server = try LoopbackServer { index, _ in .http(body: Array("answer \(index)".utf8)) }
        defer { server.stop() }
        let transport = CurlTransport()
        for index in 0..<5 {
            let response = try await transport.send(HTTPRequest(method: "GET", url: server.url + "/poll"))
            #expect(response.bodyText == "answer \(index)")
        }
        let post = try await transport.send(HTTPRequest(method: "POST", url: server.url + "/create", body: [1, 2]))
        #expect(post.status == 200)
        #expect(server.requests.count == 6)
        #expect(server.connections == 1)
        #expect(transport.connectionsOpened == 1)
    }

    @Test("A server that closes the connection costs a new one, and the request still succeeds")
    func reconnect() async throws {
        let server = try LoopbackServer { _, _ in .http(close: true) }
        defer { server.stop() }
        let transport = CurlTransport()
        for _ in 0..<3 { _ = try await transport.send(HTTPRequest(method: "GET", url: server.url + "/")) }
        #expect(server.connections == 3)
    }

    @Test("Cancelling the task abandons a request the server holds (issue 14)")
    func cancellation() async throws {
        let arrived = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let server = try LoopbackServer { _, _ in
            arrived.signal()
            // Held until the test ends; the fallback only keeps a broken build from hanging.
            _ = release.wait(timeout: .now() + 30)
            return .http(status: 200)
        }
        defer {
            release.signal()
            server.stop()
        }
        let transport = CurlTransport()
        let task = Task { try await transport.send(HTTPRequest(method: "GET", url: server.url + "/held")) }
        await withCheckedContinuation { continuation in
            DispatchQueue(label: "test.arrived").async {
                arrived.wait()
                continuation.resume()
            }
        }
        task.cancel()
        let error = await #expect(throws: TransportError.self) { try await task.value }
        #expect(error?.kind == .cancelled)
    }

    @Test("A task cancelled before sending sends nothing")
    func cancelledBeforehand() async throws {
        let server = try LoopbackServer { _, _ in .http() }
        defer { server.stop() }
        let url = server.url
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await CurlTransport().send(HTTPRequest(method: "GET", url: url + "/"))
        }
        let error = await #expect(throws: TransportError.self) { try await task.value }
        #expect(error?.kind == .cancelled)
        #expect(server.requests.isEmpty)
    }

    @Test("Header lines: the last response's only, names kept, values trimmed")
    func headerParsing() {
        let headers = CurlExchange.parseHeaders([
            "HTTP/1.1 100 Continue", "X-Early: 1", "", "HTTP/1.1 200 OK", "Content-Type:  text/xml ", "Odd line",
            "X-Empty:",
        ])
        #expect(headers == [HTTPHeader("Content-Type", "text/xml"), HTTPHeader("X-Empty", "")])
    }

    @Test("The request's own time limit wins when shorter than the transport's")
    func timeoutChoice() {
        let configuration = CurlTransport.Configuration(totalTimeoutSeconds: 30)
        var request = HTTPRequest(method: "GET", url: "http://127.0.0.1/")
        #expect(CurlExchange.timeoutMilliseconds(request, configuration) == 30_000)
        request.timeout = .milliseconds(2500)
        #expect(CurlExchange.timeoutMilliseconds(request, configuration) == 2500)
        request.timeout = .seconds(-3)
        #expect(CurlExchange.timeoutMilliseconds(request, configuration) == 1)
        request.timeout = .seconds(Int64.max)
        #expect(CurlExchange.timeoutMilliseconds(request, configuration) == 30_000)
    }
}

/// libcurl failures mapped to kinds and messages that name the fix.
@Suite("CurlTransport error mapping")
struct CurlFailureTests {
    static func facts(_ code: CURLcode, _ detail: String, bundle: String? = nil) -> CurlFailure.Facts {
        CurlFailure.Facts(
            code: code, detail: detail, url: "https://user:pw@cloudfront.amazonaws.com/2020-05-31/x",
            caBundlePath: bundle, maxResponseBytes: 4 << 20, maxHeaderBytes: 64 << 10)
    }

    @Test("A missing CA bundle names the file and the variables (issue 13 item 14)")
    func missingBundle() {
        let error = CurlFailure.error(
            Self.facts(CURLE_SSL_CACERT_BADFILE, "error setting certificate file: /nope.pem", bundle: "/nope.pem"))
        #expect(error.kind == .tls)
        #expect(error.message.contains("the CA bundle /nope.pem"))
        #expect(error.message.contains("AWS_CA_BUNDLE"))
        #expect(error.message.contains("SSL_CERT_FILE"))
        #expect(!error.message.contains("try again"))
    }

    @Test("An untrusted certificate names the problem, the host and the variables; no user information")
    func untrusted() {
        let error = CurlFailure.error(
            Self.facts(
                CURLE_PEER_FAILED_VERIFICATION, "SSL certificate problem: unable to get local issuer certificate"))
        #expect(error.kind == .tls)
        #expect(error.message.contains("SSL certificate problem: unable to get local issuer certificate"))
        #expect(error.message.contains("TLS with cloudfront.amazonaws.com failed"))
        #expect(error.message.contains("AWS_CA_BUNDLE or SSL_CERT_FILE"))
        #expect(!error.message.contains("pw"))
    }

    @Test("An option libcurl refuses is named with the version needed, not a silent default")
    func unsupportedOption() {
        let error = CurlFailure.unsupported(option: "CURLOPT_PROTOCOLS_STR", code: CURLE_UNKNOWN_OPTION)
        #expect(error.kind == .other)
        #expect(error.message.contains("libcurl refused the option CURLOPT_PROTOCOLS_STR"))
        #expect(error.message.contains("libcurl 7.85 or newer"))
    }

    @Test(
        "Kinds decide retrying: connect, timeout and reset are transient; TLS is not",
        arguments: [
            (CURLE_COULDNT_CONNECT, TransportError.Kind.connect), (CURLE_OPERATION_TIMEDOUT, .timeout),
            (CURLE_GOT_NOTHING, .reset), (CURLE_RECV_ERROR, .reset), (CURLE_SSL_CONNECT_ERROR, .tls),
            (CURLE_PEER_FAILED_VERIFICATION, .tls), (CURLE_UNSUPPORTED_PROTOCOL, .invalidRequest),
            (CURLE_OUT_OF_MEMORY, .responseTooLarge), (CURLE_ABORTED_BY_CALLBACK, .other),
        ])
    func kinds(code: CURLcode, kind: TransportError.Kind) {
        #expect(CurlFailure.error(Self.facts(code, "detail")).kind == kind)
    }
}
