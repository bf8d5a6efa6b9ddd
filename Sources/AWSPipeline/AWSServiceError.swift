import TextTrimming
import Transport
import XML

/// An error answer from an AWS service (any non-2xx): the AWS error code and message when the body is error XML, the
/// raw body otherwise (a proxy's HTML page, an empty 503). Read once, here, for every service.
///
/// Parsed from `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>` (the rest-xml
/// shape botocore reads; a bare `<Error>` root is accepted too).
public struct AWSServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// How much of the body is kept in `rawBody`, in bytes.
    public static let rawBodyLimit = 2_048

    /// The service that answered, as people know it ("CloudFront", "STS"), for the description.
    public var service: String
    public var status: Int
    /// The AWS error code, e.g. `NoSuchDistribution`, `Throttling`, `AccessDenied`.
    public var code: String?
    public var message: String?
    /// From the body's `RequestId`, else the `x-amz-request-id` / `x-amzn-RequestId` header.
    public var requestID: String?
    /// The start of the body as text (at most `rawBodyLimit` bytes, "…" appended when cut).
    public var rawBody: String

    public init(
        service: String, status: Int, code: String? = nil, message: String? = nil, requestID: String? = nil,
        rawBody: String = ""
    ) {
        self.service = service
        self.status = status
        self.code = code
        self.message = message
        self.requestID = requestID
        self.rawBody = rawBody
    }

    /// Reads an error answer; never fails (an unreadable body leaves `code` nil and keeps the text).
    public init(response: HTTPResponse, service: String) {
        self.service = service
        status = response.status
        rawBody = Self.capped(response.body)
        let headerRequestID = response.header("x-amz-request-id") ?? response.header("x-amzn-RequestId")
        requestID = headerRequestID.map { $0.trimmingASCIIWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
        guard let root = try? XMLTree.parse(response.body) else { return }
        let error = root.name == "Error" ? root : root.child("Error")
        code = Self.nonEmpty(error?.childText("Code"))
        message = Self.nonEmpty(error?.childText("Message"))
        requestID =
            Self.nonEmpty(root.childText("RequestId")) ?? Self.nonEmpty(error?.childText("RequestId")) ?? requestID
    }

    public var description: String {
        let request = requestID.map { " (request ID \($0))" } ?? ""
        if let code {
            return "\(service) answered HTTP \(status) \(code)" + (message.map { ": \($0)" } ?? "") + request
        }
        let body = rawBody.trimmingASCIIWhitespace()
        let excerpt = body.isEmpty ? "an empty body" : "a body that is not AWS error XML: \(body.prefix(200))"
        return "\(service) answered HTTP \(status) with \(excerpt)\(request)"
    }

    /// The body's first `rawBodyLimit` bytes as text, cut on a character boundary.
    public static func capped(_ body: [UInt8]) -> String {
        guard body.count > rawBodyLimit else { return String(decoding: body, as: UTF8.self) }
        var end = rawBodyLimit
        // Step back over UTF-8 continuation bytes so no character is split.
        while end > 0, body[end] & 0xC0 == 0x80 { end -= 1 }
        return String(decoding: body[..<end], as: UTF8.self) + "…"
    }

    /// Trimmed text, or nil when absent or blank.
    public static func nonEmpty(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingASCIIWhitespace(), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
