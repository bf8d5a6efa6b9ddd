import AWSPipeline
import TextTrimming
import Transport
import XML

/// The CloudFront REST-XML API (version 2020-05-31) as pure functions: requests to send and answers to read.
///
/// Requests carry no `Host` and no signature: the client adds `Host` from the endpoint and signs each attempt.
/// URIs and element names follow botocore's service model `cloudfront/2020-05-31/service-2.json`.
public enum CloudFrontAPI {
    /// The API version, also the first path segment of every URI.
    public static let version = "2020-05-31"
    /// The XML namespace of request bodies.
    public static let namespace = "http://cloudfront.amazonaws.com/doc/2020-05-31/"

    /// A 2xx answer whose body is not the document the operation returns.
    public struct DecodeError: Error, Sendable, Equatable, CustomStringConvertible {
        public var status: Int
        /// The root element that was expected, e.g. `Invalidation`.
        public var expected: String
        public var reason: String

        public var description: String {
            let article = expected.first.map { "AEIOU".contains($0) } == true ? "an" : "a"
            return "CloudFront answered \(status) but the body was not \(article) \(expected) document: \(reason)."
        }
    }

    // MARK: Requests

    /// CreateInvalidation (`POST /2020-05-31/distribution/{DistributionId}/invalidation`) or
    /// CreateInvalidationForDistributionTenant (`POST /2020-05-31/distribution-tenant/{Id}/invalidation`).
    ///
    /// Zero paths give `<Quantity>0</Quantity>` and no `<Items>`: CloudFront rejects that batch after checking
    /// permissions, which makes it a harmless permission probe.
    public static func createInvalidation(
        endpoint: CloudFrontEndpoint, target: InvalidationTarget, paths: [String], callerReference: String
    ) -> HTTPRequest {
        HTTPRequest(
            method: "POST", url: endpoint.baseURL + collectionPath(target),
            headers: [HTTPHeader("Content-Type", "application/xml")],
            body: invalidationBatch(paths: paths, callerReference: callerReference))
    }

    /// GetInvalidation (`GET …/distribution/{DistributionId}/invalidation/{Id}`) or
    /// GetInvalidationForDistributionTenant (`GET …/distribution-tenant/{DistributionTenantId}/invalidation/{Id}`).
    public static func getInvalidation(endpoint: CloudFrontEndpoint, target: InvalidationTarget, id: String)
        -> HTTPRequest
    {
        HTTPRequest(method: "GET", url: endpoint.baseURL + collectionPath(target) + "/" + percentEncoded(id))
    }

    /// ListInvalidations (`GET …/distribution/{DistributionId}/invalidation?MaxItems=&Marker=`) or
    /// ListInvalidationsForDistributionTenant (`GET …/distribution-tenant/{Id}/invalidation`).
    public static func listInvalidations(
        endpoint: CloudFrontEndpoint, target: InvalidationTarget, maxItems: Int?, marker: String?
    ) -> HTTPRequest {
        HTTPRequest(
            method: "GET", url: endpoint.baseURL + collectionPath(target) + query(maxItems: maxItems, marker: marker))
    }

    /// ListDistributions (`GET /2020-05-31/distribution?MaxItems=&Marker=`).
    public static func listDistributions(endpoint: CloudFrontEndpoint, maxItems: Int?, marker: String?) -> HTTPRequest {
        HTTPRequest(
            method: "GET",
            url: endpoint.baseURL + "/\(version)/distribution" + query(maxItems: maxItems, marker: marker))
    }

    /// The `InvalidationBatch` body, byte for byte as botocore writes it (declaration, newline, no trailing newline).
    public static func invalidationBatch(paths: [String], callerReference: String) -> [UInt8] {
        var writer = XMLWriter()
        writer.element("InvalidationBatch", attributes: [("xmlns", namespace)]) { batch in
            batch.element("Paths") { element in
                element.element("Quantity", String(paths.count))
                if !paths.isEmpty {
                    element.element("Items") { items in
                        for path in paths { items.element("Path", path) }
                    }
                }
            }
            batch.element("CallerReference", callerReference)
        }
        return writer.bytes
    }

    /// `/2020-05-31/distribution/{id}/invalidation` or `/2020-05-31/distribution-tenant/{id}/invalidation`.
    static func collectionPath(_ target: InvalidationTarget) -> String {
        "/\(version)/\(target.resourceSegment)/\(percentEncoded(target.id))/invalidation"
    }

    /// `?MaxItems=…&Marker=…` (botocore's order), or "" when neither is given.
    static func query(maxItems: Int?, marker: String?) -> String {
        var pairs: [String] = []
        if let maxItems { pairs.append("MaxItems=" + percentEncoded(String(maxItems))) }
        if let marker { pairs.append("Marker=" + percentEncoded(marker)) }
        return pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&")
    }

    /// Percent-encodes every byte outside AWS's unreserved set (`A–Z a–z 0–9 - _ . ~`), as SigV4 expects.
    public static func percentEncoded(_ value: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var result: [UInt8] = []
        result.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                result.append(byte)
            default:
                result += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    // MARK: Answers

    /// Reads the `Invalidation` document of a create (201, with `Location`) or get (200) answer.
    public static func decodeInvalidation(_ response: HTTPResponse) throws(DecodeError) -> Invalidation {
        let root = try document(response, expected: "Invalidation")
        let fail = { (reason: String) in DecodeError(status: response.status, expected: "Invalidation", reason: reason)
        }
        guard let id = text(root, "Id") else { throw fail("it has no <Id>") }
        guard let status = text(root, "Status") else { throw fail("it has no <Status>") }
        try checkFormats(id: id, status: status, createTime: text(root, "CreateTime"), fail: fail)
        let batch = root.child("InvalidationBatch")
        let paths = batch?.descendant("Paths", "Items")?.children(named: "Path").map(\.text) ?? []
        return Invalidation(
            id: id, status: InvalidationStatus(status), createTime: text(root, "CreateTime"),
            callerReference: batch.flatMap { text($0, "CallerReference") }, paths: paths,
            location: response.header("Location").flatMap { $0.isEmpty ? nil : $0 })
    }

    /// Reads the `InvalidationList` document of ListInvalidations (or its tenant variant).
    public static func decodeInvalidationList(_ response: HTTPResponse) throws(DecodeError) -> InvalidationList {
        let root = try document(response, expected: "InvalidationList")
        let fail = { (reason: String) in
            DecodeError(status: response.status, expected: "InvalidationList", reason: reason)
        }
        var items: [InvalidationSummary] = []
        for (index, summary) in (root.child("Items")?.children(named: "InvalidationSummary") ?? []).enumerated() {
            guard let id = text(summary, "Id"), let status = text(summary, "Status") else {
                throw fail("InvalidationSummary \(index + 1) has no <Id> or <Status>")
            }
            try checkFormats(
                id: id, status: status, createTime: text(summary, "CreateTime"),
                fail: { fail("InvalidationSummary \(index + 1): " + $0) })
            items.append(
                InvalidationSummary(id: id, status: InvalidationStatus(status), createTime: text(summary, "CreateTime"))
            )
        }
        return InvalidationList(
            items: items, isTruncated: try boolean(root, "IsTruncated", default: false, fail: fail),
            nextMarker: text(root, "NextMarker"))
    }

    /// Reads the `DistributionList` document of ListDistributions; only `Id` and `DomainName` are required.
    public static func decodeDistributionList(_ response: HTTPResponse) throws(DecodeError) -> DistributionList {
        let root = try document(response, expected: "DistributionList")
        let fail = { (reason: String) in
            DecodeError(status: response.status, expected: "DistributionList", reason: reason)
        }
        var items: [DistributionSummary] = []
        for (index, summary) in (root.child("Items")?.children(named: "DistributionSummary") ?? []).enumerated() {
            guard let id = text(summary, "Id"), let domainName = text(summary, "DomainName") else {
                throw fail("DistributionSummary \(index + 1) has no <Id> or <DomainName>")
            }
            guard ReplyFormat.isID(id) else {
                throw fail(
                    "DistributionSummary \(index + 1) has the <Id> \(ReplyFormat.shown(id)), which is not a "
                        + "distribution ID (ASCII letters and digits, at most \(ReplyFormat.maximumIDLength))")
            }
            let aliases = summary.descendant("Aliases", "Items")?.children(named: "CNAME").compactMap { text($0) } ?? []
            let origins = (summary.descendant("Origins", "Items")?.children(named: "Origin") ?? []).map { origin in
                DistributionSummary.Origin(
                    id: text(origin, "Id") ?? "", domainName: text(origin, "DomainName") ?? "",
                    originPath: text(origin, "OriginPath") ?? "")
            }
            items.append(
                DistributionSummary(
                    id: id, arn: text(summary, "ARN") ?? "", domainName: domainName, aliases: aliases,
                    origins: origins, enabled: try boolean(summary, "Enabled", default: true, fail: fail),
                    status: text(summary, "Status") ?? ""))
        }
        return DistributionList(
            items: items, isTruncated: try boolean(root, "IsTruncated", default: false, fail: fail),
            nextMarker: text(root, "NextMarker"))
    }

    /// Reads any non-2xx answer; see `CloudFrontServiceError`.
    public static func decodeError(_ response: HTTPResponse) -> CloudFrontServiceError {
        CloudFrontServiceError(response: response, service: "CloudFront")
    }

    /// Refuses an ID, status or creation time that does not have CloudFront's format (``ReplyFormat``): these are
    /// printed on stdout, in the resume command and in CI files, so a forged one must stop here.
    static func checkFormats(
        id: String, status: String, createTime: String?, fail: (String) -> DecodeError
    ) throws(DecodeError) {
        guard ReplyFormat.isID(id) else {
            throw fail(
                "the <Id> \(ReplyFormat.shown(id)) is not an invalidation ID (ASCII letters and digits, at most "
                    + "\(ReplyFormat.maximumIDLength))")
        }
        guard ReplyFormat.isStatus(status) else {
            throw fail(
                "the <Status> \(ReplyFormat.shown(status)) is not a status (ASCII letters, digits, '_' or '-', at "
                    + "most \(ReplyFormat.maximumStatusLength))")
        }
        if let createTime, !ReplyFormat.isTimestamp(createTime) {
            throw fail("the <CreateTime> \(ReplyFormat.shown(createTime)) is not a time")
        }
    }

    /// Parses the body and checks the root element's local name. The element cap is the tight default except for
    /// ListDistributions pages (``XMLLimits/listDistributionsPage``), so an oversized reply is refused early.
    static func document(_ response: HTTPResponse, expected: String) throws(DecodeError) -> XMLTree {
        let root: XMLTree
        do {
            root = try XMLTree.parse(
                response.body, limits: expected == "DistributionList" ? .listDistributionsPage : XMLLimits())
        } catch {
            let excerpt = CloudFrontServiceError.capped(Array(response.body.prefix(200))).trimmingASCIIWhitespace()
            let shown = excerpt.isEmpty ? "the body is empty" : "\"\(excerpt)\""
            throw DecodeError(status: response.status, expected: expected, reason: "\(error.description) (\(shown))")
        }
        guard root.name == expected else {
            throw DecodeError(status: response.status, expected: expected, reason: "its root element is <\(root.name)>")
        }
        return root
    }

    /// The trimmed text of `element` (or of its child `name`), nil when absent or blank.
    static func text(_ element: XMLTree, _ name: String? = nil) -> String? {
        guard let name else { return CloudFrontServiceError.nonEmpty(element.text) }
        return CloudFrontServiceError.nonEmpty(element.childText(name))
    }

    /// An `xs:boolean` child (`true`/`false`/`1`/`0`), `fallback` when absent.
    static func boolean(
        _ element: XMLTree, _ name: String, default fallback: Bool, fail: (String) -> DecodeError
    ) throws(DecodeError) -> Bool {
        guard let value = text(element, name) else { return fallback }
        switch value.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw fail("<\(name)> is \"\(value)\", not true or false")
        }
    }
}
