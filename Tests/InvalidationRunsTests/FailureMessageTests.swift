import CloudFront
import ExitCodes
import Testing
import Transport

@testable import InvalidationRuns

/// What a person reads when a call fails for good: only a failure that can pass by itself says "try again later".
@Suite("Failure messages")
struct FailureMessageTests {
    @Test(
        "TLS and oversized answers name their fix and never say 'try again later' (issue 13 item 14)",
        arguments: [
            TransportError(.tls, "TLS with h failed: certificate problem. Set AWS_CA_BUNDLE or SSL_CERT_FILE"),
            TransportError(.responseTooLarge, "the answer's body was larger than 4 MiB"),
        ])
    func noFalseHope(error: TransportError) {
        let message = CloudFrontClientError.transport(error, attempts: 1).explanation
        #expect(!message.contains("try again later"))
        #expect(!message.contains(".."))
        #expect(ExitStatus.of(.transport(error, attempts: 1)) == .unavailable)
    }

    @Test("Access denied points at the permissions without claiming the call was a create (status, list, tenants)")
    func accessDenied() {
        let denied = CloudFrontServiceError(service: "CloudFront", status: 403, code: "AccessDenied", message: "no")
        let message = CloudFrontClientError.service(denied, attempts: 1).explanation
        #expect(message.contains("the CloudFront action this command needs"))
        #expect(!message.contains("CreateInvalidation"))
        #expect(ExitStatus.of(.service(denied, attempts: 1)) == .credentials)
    }

    @Test("A network failure that can pass still says so")
    func transient() {
        let message = CloudFrontClientError.transport(TransportError(.reset, "Connection reset by peer"), attempts: 5)
            .explanation
        #expect(message.contains("try again later"))
        #expect(message.contains("after 5 attempts"))
    }

    @Test("A create lost after retries says it may exist, with its CallerReference and how to check (item 16)")
    func mayExist() throws {
        let lost = CloudFrontClientError.transport(TransportError(.reset, "Empty reply from server"), attempts: 5)
        let notice = try #require(
            CreateSession.mayExistNotice(lost, target: .distribution("E1"), callerReference: "cfi-ref", batchCount: 1))
        #expect(notice.contains("may have been created"))
        #expect(notice.contains("CallerReference cfi-ref"))
        #expect(notice.contains("cloudfront-invalidate list -d E1"))
        #expect(notice.contains("--caller-reference cfi-ref"))
        let several = try #require(
            CreateSession.mayExistNotice(lost, target: .tenant("dt_1"), callerReference: "r-2", batchCount: 2))
        #expect(several.contains("list --tenant-id dt_1"))
        #expect(!several.contains("--caller-reference"), "a suffixed reference cannot be given back as the base")
        let throttled = CloudFrontClientError.service(
            CloudFrontServiceError(service: "CloudFront", status: 503), attempts: 5)
        #expect(
            CreateSession.mayExistNotice(throttled, target: .distribution("E1"), callerReference: "r", batchCount: 1)
                != nil)
        #expect(
            CreateSession.mayExistNotice(.cancelled, target: .distribution("E1"), callerReference: "r", batchCount: 1)
                != nil, "a create abandoned by a signal may have been made")
    }

    @Test("Nothing may exist after a clear refusal, a refused connection or a TLS failure")
    func cannotExist() {
        let cases: [CloudFrontClientError] = [
            .service(CloudFrontServiceError(service: "CloudFront", status: 400, code: "InvalidArgument"), attempts: 1),
            .transport(TransportError(.connect, "Connection refused"), attempts: 1),
            .transport(TransportError(.tls, "certificate"), attempts: 1),
            .service(CloudFrontServiceError(service: "CloudFront", status: 400, code: "Throttling"), attempts: 1),
        ]
        for error in cases {
            #expect(
                CreateSession.mayExistNotice(error, target: .distribution("E1"), callerReference: "r", batchCount: 1)
                    == nil)
        }
    }
}
