import Transport

/// Tells a throttling answer from others by its HTTP status and the AWS error code in its body, so the rate limiter
/// can sit below any AWS client as a transport decorator and still see what botocore's `ThrottlingErrorDetector` sees.
public enum ThrottlingDetector {
    /// AWS's throttling error codes (botocore `retries/standard.py`, `ThrottlingErrorDetector`), less the S3-only ones:
    /// the one list, read by the request pipeline's retry classification too (`RequestPipeline.throttlingCodes`).
    public static let codes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown",
        "PriorRequestNotComplete", "EC2ThrottledException",
    ]

    /// Only this much of a body is searched: AWS error documents are a few hundred bytes.
    static let searchedBytes = 4096

    /// True for 429, and for an error status whose body names a throttling code.
    public static func isThrottling(_ response: HTTPResponse) -> Bool {
        if response.status == 429 { return true }
        guard response.status >= 400, let code = errorCode(in: response.body) else { return false }
        return codes.contains(code)
    }

    /// The text of the first `<Code>` element (the AWS query and REST-XML error shape), nil when there is none.
    static func errorCode(in body: [UInt8]) -> String? {
        let bytes = body.prefix(searchedBytes)
        let open = Array("<Code>".utf8)
        guard let start = firstIndex(of: open, in: bytes) else { return nil }
        let rest = bytes[(start + open.count)...]
        guard let end = rest.firstIndex(of: UInt8(ascii: "<")) else { return nil }
        let code = String(decoding: rest[..<end], as: UTF8.self)
        return code.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil }
            ? code : nil
    }

    private static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = haystack.startIndex
        while index + needle.count <= haystack.endIndex {
            if haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
