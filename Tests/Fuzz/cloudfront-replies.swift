import AWSPipeline
import Transport
import XML

// libFuzzer target: the XML reader (expat) and every decoder of CloudFront and STS replies built on it.
@testable import CloudFront
@testable import Credentials

/// One input: a reply body. Every decoder reads it; each must decode it or refuse it with a message, never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCloudFrontReplies(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let body = Array(UnsafeBufferPointer(start: data, count: size))
    if let tree = try? XMLTree.parse(body) {
        _ = tree.descendant("InvalidationList", "Items")
    }
    let ok = HTTPResponse(status: 200, headers: [HTTPHeader("Content-Type", "text/xml")], body: body)
    if let invalidation = try? CloudFrontAPI.decodeInvalidation(ok) { _ = "\(invalidation)" }
    if let list = try? CloudFrontAPI.decodeInvalidationList(ok) { _ = "\(list)" }
    if let distributions = try? CloudFrontAPI.decodeDistributionList(ok) { _ = "\(distributions)" }
    if let tags = try? CloudFrontAPI.decodeTags(ok) { _ = "\(tags)" }
    for status in [400, 503] {
        let failed = HTTPResponse(status: status, headers: [HTTPHeader("x-amzn-RequestId", "req-1")], body: body)
        _ = CloudFrontAPI.decodeError(failed).description
        _ = AWSServiceError(response: failed, service: "STS").description
    }
    _ = try? STSClient.decodeCredentials(body, operation: "AssumeRoleWithWebIdentity")
    return 0
}
