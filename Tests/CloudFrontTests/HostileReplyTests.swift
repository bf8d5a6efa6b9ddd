import CloudFront
import Testing
import Transport

/// Issue 13 item 6: IDs, statuses and times in replies are checked against CloudFront's formats when decoding.
@Suite("Hostile replies")
struct HostileReplyTests {
    static func invalidation(id: String, status: String = "InProgress", time: String = "2026-11-29T20:00:00Z")
        -> HTTPResponse
    {
        let body = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Invalidation><Id>\(id)</Id><Status>\(status)</Status><CreateTime>\(time)</CreateTime>\
            <InvalidationBatch><Paths><Quantity>1</Quantity><Items><Path>/a</Path></Items></Paths>\
            <CallerReference>r</CallerReference></InvalidationBatch></Invalidation>
            """
        return HTTPResponse(status: 201, headers: [], body: Array(body.utf8))
    }

    static let forgedIDs = [
        "I1&#10;::error::forged&#10;I2", "I1&#13;I2", "I1\u{202E}gnp", "$(id)", "I-1", "I 1", "I1\u{0301}",
        String(repeating: "I", count: 65), "I\u{FF11}",
    ]

    @Test("An ID that is not ASCII letters and digits (or too long) is refused", arguments: forgedIDs)
    func forgedID(id: String) {
        let error = #expect(throws: CloudFrontAPI.DecodeError.self) {
            try CloudFrontAPI.decodeInvalidation(Self.invalidation(id: id))
        }
        #expect(error?.reason.contains("is not an invalidation ID") == true)
        #expect(error?.description.contains("\n") == false, "the message stays one line")
    }

    @Test(
        "Real and emulator IDs pass: CloudFront's, moto's (no I prefix), lower case",
        arguments: ["IDFDVBD632BHDS5", "I2J0I21PCUYOIK", "QY7X9ZK2WB3TNM", "abc123", String(repeating: "A", count: 64)])
    func wellFormedID(id: String) throws {
        #expect(try CloudFrontAPI.decodeInvalidation(Self.invalidation(id: id)).id == id)
    }

    @Test(
        "A status or time with other characters is refused",
        arguments: [("In&#10;Progress", "2026-11-29T20:00:00Z"), ("Completed", "2026&#10;::warning::x")])
    func forgedStatusOrTime(status: String, time: String) {
        #expect(throws: CloudFrontAPI.DecodeError.self) {
            try CloudFrontAPI.decodeInvalidation(Self.invalidation(id: "I1", status: status, time: time))
        }
    }

    @Test("moto's COMPLETED and IN_PROGRESS are well-formed statuses")
    func motoStatuses() throws {
        #expect(
            try CloudFrontAPI.decodeInvalidation(Self.invalidation(id: "I1", status: "COMPLETED")).status == .completed)
        #expect(
            try CloudFrontAPI.decodeInvalidation(Self.invalidation(id: "I1", status: "IN_PROGRESS")).status
                == .inProgress)
    }

    @Test("A list with one forged ID is refused whole")
    func forgedListItem() {
        let body = """
            <InvalidationList><IsTruncated>false</IsTruncated><Items>\
            <InvalidationSummary><Id>I1</Id><Status>Completed</Status></InvalidationSummary>\
            <InvalidationSummary><Id>I2&#10;I3</Id><Status>Completed</Status></InvalidationSummary>\
            </Items></InvalidationList>
            """
        let error = #expect(throws: CloudFrontAPI.DecodeError.self) {
            try CloudFrontAPI.decodeInvalidationList(HTTPResponse(status: 200, headers: [], body: Array(body.utf8)))
        }
        #expect(error?.reason.hasPrefix("InvalidationSummary 2:") == true)
    }

    @Test("A distribution list with a forged distribution ID is refused")
    func forgedDistributionID() {
        let body = """
            <DistributionList><IsTruncated>false</IsTruncated><Items><DistributionSummary>\
            <Id>E1 -d E2</Id><DomainName>d1.cloudfront.net</DomainName></DistributionSummary></Items></DistributionList>
            """
        #expect(throws: CloudFrontAPI.DecodeError.self) {
            try CloudFrontAPI.decodeDistributionList(HTTPResponse(status: 200, headers: [], body: Array(body.utf8)))
        }
    }

    @Test("Replies hold no more elements than CloudFront's can: an oversized invalidation list is refused")
    func elementCap() {
        let body =
            "<InvalidationList><Items>"
            + String(repeating: "<InvalidationSummary><Id>I1</Id></InvalidationSummary>", count: 10_001)
            + "</Items></InvalidationList>"
        let error = #expect(throws: CloudFrontAPI.DecodeError.self) {
            try CloudFrontAPI.decodeInvalidationList(HTTPResponse(status: 200, headers: [], body: Array(body.utf8)))
        }
        #expect(error?.reason.contains("more than 20000 elements") == true)
    }

    @Test("A ListDistributions page of 100 rich summaries still fits")
    func richDistributionPage() throws {
        let aliases = (0..<100).map { "<CNAME>a\($0).example.com</CNAME>" }.joined()
        let origins = String(
            repeating: "<Origin><Id>o</Id><DomainName>o.example.com</DomainName><OriginPath></OriginPath></Origin>",
            count: 25)
        let summary =
            "<DistributionSummary><Id>E1</Id><DomainName>d.cloudfront.net</DomainName>"
            + "<Aliases><Quantity>100</Quantity><Items>\(aliases)</Items></Aliases>"
            + "<Origins><Quantity>25</Quantity><Items>\(origins)</Items></Origins>"
            + String(repeating: "<CacheBehavior><PathPattern>/p*</PathPattern></CacheBehavior>", count: 200)
            + "</DistributionSummary>"
        let body = "<DistributionList><Items>" + String(repeating: summary, count: 100) + "</Items></DistributionList>"
        let list = try CloudFrontAPI.decodeDistributionList(
            HTTPResponse(status: 200, headers: [], body: Array(body.utf8)))
        #expect(list.items.count == 100)
    }

    @Test("A refused value is shown escaped and cut")
    func shown() {
        #expect(ReplyFormat.shown("I1\n::error::x") == #""I1\u{A}::error::x""#)
        #expect(ReplyFormat.shown(String(repeating: "A", count: 100)).hasSuffix("… (100 bytes)\""))
    }
}
