import AWSPipeline
import Credentials
import Reporting

/// The retry log of the credential chain's STS calls, worded like CloudFront's (`RunWorld.cloudFrontClient`).
extension LiveWorld {
    /// Reports a retry about to happen; calls to services other than CloudFront are named with their service.
    static func retryLog(_ reporter: any Reporter) -> @Sendable (RetryNotice) -> Void {
        { notice in
            reporter.report(
                .retrying(
                    operation: notice.service == "CloudFront"
                        ? notice.operation : "\(notice.service) \(notice.operation)",
                    attempt: notice.attempt,
                    delaySeconds: Double(notice.delay.components.seconds)
                        + Double(notice.delay.components.attoseconds) / 1e18, reason: notice.reason))
        }
    }
}
