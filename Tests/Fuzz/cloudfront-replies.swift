import AWSPipeline
import Resilience
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
    if let tenants = try? CloudFrontAPI.decodeDistributionTenantList(ok) {
        // What reached the list passed ReplyFormat: no control or non-ASCII scalar in an ID, ARN or status.
        for tenant in tenants.items {
            for text in [
                tenant.id, tenant.distributionID, tenant.arn, tenant.status ?? "", tenant.connectionGroupID ?? "",
            ]
            where text.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value > 0x7E }) {
                fatalError("unchecked server text in a tenant summary: \(ReplyFormat.shown(text))")
            }
        }
    }
    for status in [400, 503] {
        let failed = HTTPResponse(status: status, headers: [HTTPHeader("x-amzn-RequestId", "req-1")], body: body)
        _ = CloudFrontAPI.decodeError(failed).description
        _ = AWSServiceError(response: failed, service: "STS").description
        _ = ThrottlingDetector.isThrottling(failed)
    }
    _ = try? STSClient.decodeCredentials(body, operation: "AssumeRoleWithWebIdentity")
    return 0
}
