import CloudFront
import Foundation
import Testing
import Transport
import XML

/// Reads fixtures copied into the test bundle (`Tests/CloudFrontTests/Fixtures`).
enum Fixture {
    /// The bytes of `Fixtures/<path>`.
    static func bytes(_ path: String) throws -> [UInt8] {
        let base = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures")
        return Array(try Data(contentsOf: base.appendingPathComponent(path)))
    }

    /// A canned answer whose body is `Fixtures/responses/<name>`.
    static func response(_ name: String, status: Int = 200, headers: [HTTPHeader] = []) throws -> HTTPResponse {
        HTTPResponse(status: status, headers: headers, body: try bytes("responses/" + name))
    }

    /// A request botocore built: `METHOD URL`, `Name:value` header lines, a blank line, then the exact body.
    static func botocoreRequest(_ name: String) throws -> HTTPRequest {
        let text = try bytes("botocore/\(name).request.txt")
        let separator = Array("\n\n".utf8)
        let split = try #require(text.firstRange(of: separator))
        let head = String(decoding: text[..<split.lowerBound], as: UTF8.self).split(separator: "\n")
        let requestLine = try #require(head.first).split(separator: " ", maxSplits: 1)
        let headers = head.dropFirst().map { line in
            let colon = line.firstIndex(of: ":")!
            return HTTPHeader(String(line[..<colon]), String(line[line.index(after: colon)...]))
        }
        return HTTPRequest(
            method: String(requestLine[0]), url: String(requestLine[1]), headers: headers,
            body: Array(text[split.upperBound...]))
    }
}

/// The pure CloudFront codec: requests built, endpoints parsed, answers decoded (no transport, no signing).
@Suite("CloudFront API codec")
struct CloudFrontAPITests {}

extension CloudFrontAPITests {
    @Suite("Requests")
    struct Requests {
        static let standard = try! CloudFrontEndpoint(parsing: CloudFrontEndpoint.standard)
        static let paths = ["/index.html", "/images/*", "/caf%C3%A9/a%20b.txt"]

        @Test("CreateInvalidation matches botocore's request byte for byte")
        func createGolden() throws {
            let expected = try Fixture.botocoreRequest("create-invalidation")
            let request = CloudFrontAPI.createInvalidation(
                endpoint: Self.standard, target: .distribution("EDFDVBD6EXAMPLE"), paths: Self.paths,
                callerReference: "ci-20150830T123600Z-1")
            #expect(request.method == expected.method)
            #expect(request.url == expected.url)
            #expect(request.headers == expected.headers)
            #expect(request.headers == [HTTPHeader("Content-Type", "application/xml")])
            #expect(String(decoding: request.body, as: UTF8.self) == String(decoding: expected.body, as: UTF8.self))
            #expect(request.body == expected.body)
        }

        @Test("GetInvalidation matches botocore's request")
        func getGolden() throws {
            let expected = try Fixture.botocoreRequest("get-invalidation")
            let request = CloudFrontAPI.getInvalidation(
                endpoint: Self.standard, target: .distribution("EDFDVBD6EXAMPLE"), id: "IDFDVBD632BHDS5")
            #expect(request == expected)
            #expect(request.headers.isEmpty, "no Content-Type, Host or Authorization on a GET")
            #expect(request.body.isEmpty)
        }

        @Test("ListInvalidations matches botocore's request (MaxItems, then Marker)")
        func listGolden() throws {
            let expected = try Fixture.botocoreRequest("list-invalidations")
            let request = CloudFrontAPI.listInvalidations(
                endpoint: Self.standard, target: .distribution("EDFDVBD6EXAMPLE"), maxItems: 100,
                marker: "I2J0I21PCUYOIK")
            #expect(request == expected)
        }

        @Test("Tenant variants use /distribution-tenant/{Id} and the same InvalidationBatch payload")
        func tenantRequests() throws {
            let endpoint = try CloudFrontEndpoint(parsing: "http://127.0.0.1:5000")
            let tenant = InvalidationTarget.tenant("dt_2abcEXAMPLE")
            let create = CloudFrontAPI.createInvalidation(
                endpoint: endpoint, target: tenant, paths: ["#product-123"], callerReference: "tenant-ref-1")
            #expect(create.method == "POST")
            #expect(create.url == "http://127.0.0.1:5000/2020-05-31/distribution-tenant/dt_2abcEXAMPLE/invalidation")
            #expect(create.headers == [HTTPHeader("Content-Type", "application/xml")])
            #expect(
                String(decoding: create.body, as: UTF8.self)
                    == #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
                    + #"<InvalidationBatch xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Paths>"#
                    + "<Quantity>1</Quantity><Items><Path>#product-123</Path></Items></Paths>"
                    + "<CallerReference>tenant-ref-1</CallerReference></InvalidationBatch>")

            let get = CloudFrontAPI.getInvalidation(endpoint: endpoint, target: tenant, id: "I3TENANTEXAMPLE")
            #expect(get.method == "GET")
            #expect(
                get.url
                    == "http://127.0.0.1:5000/2020-05-31/distribution-tenant/dt_2abcEXAMPLE/invalidation/I3TENANTEXAMPLE"
            )
            #expect(get.headers.isEmpty)

            let list = CloudFrontAPI.listInvalidations(endpoint: endpoint, target: tenant, maxItems: 10, marker: nil)
            #expect(
                list.url
                    == "http://127.0.0.1:5000/2020-05-31/distribution-tenant/dt_2abcEXAMPLE/invalidation?MaxItems=10")
        }

        @Test("List requests without MaxItems or Marker have no query")
        func listWithoutQuery() {
            let list = CloudFrontAPI.listInvalidations(
                endpoint: Self.standard, target: .distribution("E1"), maxItems: nil, marker: nil)
            #expect(list.url == "https://cloudfront.amazonaws.com/2020-05-31/distribution/E1/invalidation")
            let onlyMarker = CloudFrontAPI.listInvalidations(
                endpoint: Self.standard, target: .distribution("E1"), maxItems: nil, marker: "I9")
            #expect(
                onlyMarker.url == "https://cloudfront.amazonaws.com/2020-05-31/distribution/E1/invalidation?Marker=I9")
        }

        @Test("ListDistributions is GET /2020-05-31/distribution with MaxItems and Marker")
        func listDistributions() {
            let first = CloudFrontAPI.listDistributions(endpoint: Self.standard, maxItems: nil, marker: nil)
            #expect(
                first == HTTPRequest(method: "GET", url: "https://cloudfront.amazonaws.com/2020-05-31/distribution"))
            let next = CloudFrontAPI.listDistributions(
                endpoint: Self.standard, maxItems: 100, marker: "EDFDVBD6EXAMPLE")
            #expect(
                next.url
                    == "https://cloudfront.amazonaws.com/2020-05-31/distribution?MaxItems=100&Marker=EDFDVBD6EXAMPLE")
            #expect(next.headers.isEmpty)
        }

        @Test("IDs are percent-encoded as one path segment, query values with the AWS unreserved set")
        func percentEncoding() {
            let get = CloudFrontAPI.getInvalidation(
                endpoint: Self.standard, target: .distribution("E/1 x"), id: "I?#/é")
            #expect(
                get.url
                    == "https://cloudfront.amazonaws.com/2020-05-31/distribution/E%2F1%20x/invalidation/I%3F%23%2F%C3%A9"
            )
            let list = CloudFrontAPI.listDistributions(endpoint: Self.standard, maxItems: 5, marker: "a+b=c&d~e_f.g-h")
            #expect(list.url.hasSuffix("?MaxItems=5&Marker=a%2Bb%3Dc%26d~e_f.g-h"))
            #expect(CloudFrontAPI.percentEncoded("AZaz09-_.~") == "AZaz09-_.~")
            #expect(CloudFrontAPI.percentEncoded("* %") == "%2A%20%25")
        }

        @Test("Paths and the caller reference are XML-escaped and read back unchanged")
        func escaping() throws {
            let paths = ["/a&b.html", "/x<y>.html", #"/q"uote'.html"#]
            let request = CloudFrontAPI.createInvalidation(
                endpoint: Self.standard, target: .distribution("E1"), paths: paths, callerReference: "ref&<1>")
            let body = String(decoding: request.body, as: UTF8.self)
            #expect(body.contains("<Path>/a&amp;b.html</Path><Path>/x&lt;y&gt;.html</Path>"))
            #expect(body.contains("<Path>/q&quot;uote&apos;.html</Path>"))
            #expect(body.contains("<CallerReference>ref&amp;&lt;1&gt;</CallerReference>"))
            let tree = try XMLTree.parse(request.body)
            #expect(tree.name == "InvalidationBatch")
            #expect(tree.namespaceURI == CloudFrontAPI.namespace)
            #expect(tree.descendant("Paths", "Items")?.children(named: "Path").map(\.text) == paths)
            #expect(tree.descendant("Paths", "Quantity")?.text == "3")
            #expect(tree.childText("CallerReference") == "ref&<1>")
        }

        @Test("An empty batch has Quantity 0 and no Items (the permission probe of `check`)")
        func emptyBatch() {
            let request = CloudFrontAPI.createInvalidation(
                endpoint: Self.standard, target: .distribution("E1"), paths: [], callerReference: "probe")
            #expect(
                String(decoding: request.body, as: UTF8.self)
                    == #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
                    + #"<InvalidationBatch xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">"#
                    + "<Paths><Quantity>0</Quantity></Paths><CallerReference>probe</CallerReference></InvalidationBatch>"
            )
        }

        @Test("Targets describe themselves for logs and caller references")
        func targetDescription() {
            #expect(InvalidationTarget.distribution("E1").description == "distribution E1")
            #expect(InvalidationTarget.tenant("dt_1").description == "tenant dt_1")
            #expect(InvalidationTarget.tenant("dt_1").id == "dt_1")
            #expect(InvalidationTarget.tenant("X") != InvalidationTarget.distribution("X"))
        }
    }

    @Suite("Endpoints")
    struct Endpoints {
        @Test(
            "Valid endpoint URLs are normalised",
            arguments: [
                ("https://cloudfront.amazonaws.com", "https://cloudfront.amazonaws.com", "cloudfront.amazonaws.com"),
                ("https://cloudfront.amazonaws.com/", "https://cloudfront.amazonaws.com", "cloudfront.amazonaws.com"),
                (
                    "HTTPS://CloudFront.AmazonAWS.com:443", "https://cloudfront.amazonaws.com",
                    "cloudfront.amazonaws.com"
                ),
                ("http://127.0.0.1:5000", "http://127.0.0.1:5000", "127.0.0.1:5000"),
                ("http://localhost:80/", "http://localhost", "localhost"),
                ("https://localhost:80", "https://localhost:80", "localhost:80"),
                (" http://[::1]:8443 ", "http://[::1]:8443", "[::1]:8443"),
                ("http://moto_server:3000", "http://moto_server:3000", "moto_server:3000"),
            ])
        func valid(input: String, baseURL: String, host: String) throws {
            let endpoint = try CloudFrontEndpoint(parsing: input)
            #expect(endpoint.baseURL == baseURL)
            #expect(endpoint.host == host)
        }

        @Test(
            "Unusable endpoint URLs are refused with a message naming the URL",
            arguments: [
                ("cloudfront.amazonaws.com", "no scheme"),
                ("ftp://cloudfront.amazonaws.com", "\"ftp\" is not supported"),
                ("https://", "no host"),
                ("https://:443", "no host"),
                ("https://cloudfront.amazonaws.com/2020-05-31", "path, query or fragment"),
                ("https://cloudfront.amazonaws.com?x=1", "path, query or fragment"),
                ("https://user:pw@cloudfront.amazonaws.com", "user information"),
                ("http://127.0.0.1:0", "not a number from 1 to 65535"),
                ("http://127.0.0.1:70000", "not a number from 1 to 65535"),
                ("http://127.0.0.1:http", "not a number from 1 to 65535"),
                ("http://bad host", "not a valid host name"),
                ("http://[::1", "no closing"),
            ])
        func invalid(input: String, reason: String) throws {
            let error = #expect(throws: CloudFrontEndpoint.InvalidURL.self) { try CloudFrontEndpoint(parsing: input) }
            #expect(error?.description.contains("\"\(input)\"") == true)
            #expect(error?.reason.contains(reason) == true, "\(String(describing: error))")
        }

        @Test("The standard endpoint is CloudFront's global one")
        func standard() throws {
            #expect(try CloudFrontEndpoint(parsing: CloudFrontEndpoint.standard).host == "cloudfront.amazonaws.com")
        }
    }

    @Suite("Answers")
    struct Answers {
        @Test("A create answer (201 + Location) gives the invalidation and its location")
        func create() throws {
            let location =
                "https://cloudfront.amazonaws.com/2020-05-31/distribution/EDFDVBD6EXAMPLE/invalidation/I2J0I21PCUYOIK"
            let response = try Fixture.response(
                "create-invalidation.xml", status: 201, headers: [HTTPHeader("location", location)])
            let invalidation = try CloudFrontAPI.decodeInvalidation(response)
            #expect(
                invalidation
                    == Invalidation(
                        id: "I2J0I21PCUYOIK", status: .inProgress, createTime: "2015-08-30T12:36:01.123Z",
                        callerReference: "ci-20150830T123600Z-1",
                        paths: ["/index.html", "/images/*", "/caf%C3%A9/a%20b.txt"], location: location))
            #expect(!invalidation.status.isCompleted)
        }

        @Test("A get answer resolves entities in paths and the caller reference")
        func get() throws {
            let invalidation = try CloudFrontAPI.decodeInvalidation(
                try Fixture.response("get-invalidation-completed.xml"))
            #expect(invalidation.id == "IDFDVBD632BHDS5")
            #expect(invalidation.status == .completed)
            #expect(invalidation.paths == ["/a&b.html", "/search?q=1"])
            #expect(invalidation.callerReference == "ref-<7>")
            #expect(invalidation.location == nil)
        }

        @Test("moto's upper-case COMPLETED counts as Completed")
        func motoCompleted() throws {
            let invalidation = try CloudFrontAPI.decodeInvalidation(try Fixture.response("get-invalidation-moto.xml"))
            #expect(invalidation.status == .completed)
            #expect(invalidation.status.isCompleted)
            #expect(invalidation.status.rawValue == "Completed")
        }

        @Test(
            "Statuses are read case-insensitively; unknown ones are kept verbatim",
            arguments: [
                ("InProgress", InvalidationStatus.inProgress), ("INPROGRESS", .inProgress),
                ("in_progress", .inProgress),
                ("Completed", .completed), ("COMPLETED", .completed), (" completed\n", .completed),
                ("Cancelled", .other("Cancelled")),
            ])
        func statuses(raw: String, expected: InvalidationStatus) {
            #expect(InvalidationStatus(raw) == expected)
            #expect(InvalidationStatus(raw).isCompleted == (expected == .completed))
        }

        @Test("A tenant create answer decodes like a distribution's")
        func tenantCreate() throws {
            let response = try Fixture.response(
                "create-invalidation-tenant.xml", status: 201,
                headers: [
                    HTTPHeader(
                        "Location",
                        "https://cloudfront.amazonaws.com/2020-05-31/distribution-tenant/dt_2abcEXAMPLE/invalidation/I3TENANTEXAMPLE"
                    )
                ])
            let invalidation = try CloudFrontAPI.decodeInvalidation(response)
            #expect(invalidation.id == "I3TENANTEXAMPLE")
            #expect(invalidation.paths == ["#product-123"])
            #expect(invalidation.callerReference == "tenant-ref-1")
            #expect(invalidation.location?.contains("/distribution-tenant/dt_2abcEXAMPLE/") == true)
        }

        @Test("A truncated invalidation list gives its items and NextMarker")
        func listTruncated() throws {
            let list = try CloudFrontAPI.decodeInvalidationList(
                try Fixture.response("list-invalidations-truncated.xml"))
            #expect(
                list
                    == InvalidationList(
                        items: [
                            InvalidationSummary(
                                id: "I3AAAAAAAAAAAA", status: .inProgress, createTime: "2015-08-30T13:00:00Z"),
                            InvalidationSummary(
                                id: "I2J0I21PCUYOIK", status: .completed, createTime: "2015-08-30T12:36:01Z"),
                        ], isTruncated: true, nextMarker: "I2J0I21PCUYOIK"))
        }

        @Test("The last page is not truncated and has no NextMarker")
        func listLastPage() throws {
            let list = try CloudFrontAPI.decodeInvalidationList(
                try Fixture.response("list-invalidations-last-page.xml"))
            #expect(list.items.map(\.id) == ["I1OLDEST"])
            #expect(!list.isTruncated)
            #expect(list.nextMarker == nil)
        }

        @Test("A list with Quantity 0 and no Items is empty")
        func listEmpty() throws {
            let list = try CloudFrontAPI.decodeInvalidationList(try Fixture.response("list-invalidations-empty.xml"))
            #expect(list == InvalidationList(items: [], isTruncated: false, nextMarker: nil))
        }

        @Test("A tenant list decodes like a distribution's")
        func listTenant() throws {
            let list = try CloudFrontAPI.decodeInvalidationList(try Fixture.response("list-invalidations-tenant.xml"))
            #expect(
                list.items == [
                    InvalidationSummary(id: "I3TENANTEXAMPLE", status: .inProgress, createTime: "2026-03-01T08:00:00Z")
                ])
        }

        @Test("ListDistributions: two pages, aliases, origins with paths, Enabled and Status")
        func distributions() throws {
            let first = try CloudFrontAPI.decodeDistributionList(try Fixture.response("list-distributions-page1.xml"))
            #expect(first.isTruncated)
            #expect(first.nextMarker == "EDFDVBD6EXAMPLE")
            #expect(
                first.items == [
                    DistributionSummary(
                        id: "EDFDVBD6EXAMPLE", arn: "arn:aws:cloudfront::123456789012:distribution/EDFDVBD6EXAMPLE",
                        domainName: "d111111abcdef8.cloudfront.net", aliases: ["www.example.com", "example.com"],
                        origins: [
                            .init(
                                id: "site-bucket", domainName: "example-site.s3.us-east-1.amazonaws.com",
                                originPath: "/prod"),
                            .init(id: "api", domainName: "api.example.com", originPath: ""),
                        ], enabled: true, status: "Deployed")
                ])

            let second = try CloudFrontAPI.decodeDistributionList(try Fixture.response("list-distributions-page2.xml"))
            #expect(!second.isTruncated)
            #expect(second.nextMarker == nil)
            #expect(
                second.items == [
                    DistributionSummary(
                        id: "E2DISABLEDEXAMPLE", arn: "arn:aws:cloudfront::123456789012:distribution/E2DISABLEDEXAMPLE",
                        domainName: "d222222abcdef8.cloudfront.net", aliases: [],
                        origins: [.init(id: "old", domainName: "old-site.s3.amazonaws.com")], enabled: false,
                        status: "InProgress")
                ])
        }

        @Test(
            "Error XML gives status, code, message and request ID",
            arguments: [
                (
                    "error-no-such-distribution.xml", 404, "NoSuchDistribution",
                    "The specified distribution does not exist."
                ),
                ("error-throttling.xml", 400, "Throttling", "Rate exceeded"),
                (
                    "error-access-denied.xml", 403, "AccessDenied",
                    "User: arn:aws:sts::123456789012:assumed-role/deploy/ci"
                ),
                ("error-too-many-invalidations.xml", 400, "TooManyInvalidationsInProgress", "Processing your request"),
                ("error-invalid-argument.xml", 400, "InvalidArgument", "Your request contains one or more invalid"),
                ("error-entity-not-found.xml", 404, "EntityNotFound", "The entity was not found."),
            ])
        func errors(fixture: String, status: Int, code: String, messageStart: String) throws {
            let response = try Fixture.response(fixture, status: status)
            let error = CloudFrontAPI.decodeError(response)
            #expect(error.status == status)
            #expect(error.code == code)
            #expect(error.message?.hasPrefix(messageStart) == true)
            #expect(error.requestID == "2b3c4d5e-0000-4000-8000-000000000" + String(error.requestID?.suffix(3) ?? ""))
            #expect(error.requestID?.hasPrefix("2b3c4d5e-") == true)
            #expect(error.rawBody == response.bodyText)
            #expect(error.description.hasPrefix("CloudFront answered HTTP \(status) \(code): \(messageStart)"))
        }

        @Test("The request ID comes from the header when the body has none")
        func requestIDFromHeader() {
            let body = "<ErrorResponse><Error><Code>AccessDenied</Code><Message>no</Message></Error></ErrorResponse>"
            let error = CloudFrontAPI.decodeError(
                HTTPResponse(status: 403, headers: [HTTPHeader("X-Amz-Request-Id", "hdr-1")], body: Array(body.utf8)))
            #expect(
                error
                    == CloudFrontServiceError(
                        service: "CloudFront", status: 403, code: "AccessDenied", message: "no", requestID: "hdr-1",
                        rawBody: body))
        }

        @Test("A bare <Error> root (S3 style) is read too")
        func bareErrorRoot() {
            let body =
                "<Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message><RequestId>r-9</RequestId></Error>"
            let error = CloudFrontAPI.decodeError(HTTPResponse(status: 503, body: Array(body.utf8)))
            #expect(error.code == "SlowDown")
            #expect(error.requestID == "r-9")
        }

        @Test("A non-XML 502 page keeps its raw text and has no code")
        func badGateway() throws {
            let response = try Fixture.response(
                "bad-gateway.html", status: 502, headers: [HTTPHeader("x-amz-request-id", "edge-1")])
            let error = CloudFrontAPI.decodeError(response)
            #expect(error.status == 502)
            #expect(error.code == nil)
            #expect(error.message == nil)
            #expect(error.requestID == "edge-1")
            #expect(error.rawBody.contains("<title>502 Bad Gateway</title>"))
            #expect(
                error.description.hasPrefix(
                    "CloudFront answered HTTP 502 with a body that is not AWS error XML: <html>"))
        }

        @Test("An empty error body is described as such")
        func emptyBody() {
            let error = CloudFrontAPI.decodeError(HTTPResponse(status: 503))
            #expect(error == CloudFrontServiceError(service: "CloudFront", status: 503))
            #expect(error.description == "CloudFront answered HTTP 503 with an empty body")
        }

        @Test("The raw body is capped at 2 KiB without splitting a character")
        func rawBodyCap() {
            let body = Array(repeating: UInt8(ascii: "a"), count: 2_047) + Array("é and more text".utf8)
            let error = CloudFrontAPI.decodeError(HTTPResponse(status: 500, body: body))
            #expect(error.rawBody == String(repeating: "a", count: 2_047) + "…")
            #expect(error.rawBody.utf8.count <= CloudFrontServiceError.rawBodyLimit + "…".utf8.count)
        }

        @Test("An entity bomb is refused as a success body and as an error body")
        func entityBomb() throws {
            // Refused at the declaration, before any expansion: the error kind proves it (no wall-time bound).
            let error = #expect(throws: CloudFrontAPI.DecodeError.self) {
                try CloudFrontAPI.decodeInvalidation(try Fixture.response("entity-bomb.xml"))
            }
            #expect(error?.description.contains("entity declarations are not allowed") == true)
            let serviceError = CloudFrontAPI.decodeError(try Fixture.response("entity-bomb.xml", status: 400))
            #expect(serviceError.code == nil)
            #expect(serviceError.rawBody.hasPrefix("<?xml"))
        }

        @Test("A 200 with the wrong document says what was expected")
        func wrongDocument() throws {
            let error = #expect(throws: CloudFrontAPI.DecodeError.self) {
                try CloudFrontAPI.decodeInvalidation(try Fixture.response("list-invalidations-empty.xml"))
            }
            #expect(
                error?.description
                    == "CloudFront answered 200 but the body was not an Invalidation document: its root element is <InvalidationList>."
            )
            let html = #expect(throws: CloudFrontAPI.DecodeError.self) {
                try CloudFrontAPI.decodeDistributionList(try Fixture.response("bad-gateway.html"))
            }
            #expect(
                html?.description.hasPrefix(
                    "CloudFront answered 200 but the body was not a DistributionList document: XML error at line")
                    == true)
        }

        @Test("Missing required elements and bad booleans are decode errors")
        func missingElements() {
            let noID = HTTPResponse(
                status: 200, body: Array("<Invalidation><Status>Completed</Status></Invalidation>".utf8))
            let error = #expect(throws: CloudFrontAPI.DecodeError.self) { try CloudFrontAPI.decodeInvalidation(noID) }
            #expect(error?.reason == "it has no <Id>")
            let badBoolean = HTTPResponse(
                status: 200, body: Array("<InvalidationList><IsTruncated>maybe</IsTruncated></InvalidationList>".utf8))
            let booleanError = #expect(throws: CloudFrontAPI.DecodeError.self) {
                try CloudFrontAPI.decodeInvalidationList(badBoolean)
            }
            #expect(booleanError?.reason == "<IsTruncated> is \"maybe\", not true or false")
        }
    }
}
