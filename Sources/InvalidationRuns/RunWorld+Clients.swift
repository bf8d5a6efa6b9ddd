import CloudFront
import Credentials
import Reporting
import Resilience
import TenantFanOut
import Transport

extension RunWorld {
    /// The one place a CloudFront client is built: the world's transport, time, sleeper and jitter, the given
    /// credentials; with `logsRetries`, every retry is reported as it happens.
    ///
    /// With a `gate`, every request (listing, creating, polling, and each retry) first passes it, so the whole run
    /// shares one adaptive request rate and bounded concurrency; retries are then reported as details (`-v`), since
    /// a throttling storm over thousands of tenants would otherwise flood the log.
    func cloudFrontClient(
        endpointURL: String?, credentials: any CredentialProvider, reporter: any Reporter, logsRetries: Bool,
        gate: RequestGate? = nil
    ) throws -> CloudFrontClient {
        // The same check validate and --dry-run make: URL form, no plain HTTP to AWS (CloudFront or STS).
        let endpoint = try EndpointCheck.check(endpointURL: endpointURL, environment: environment).cloudFront
        let transport: any HTTPTransport =
            gate.map { RateLimitedTransport(wrapping: self.transport(), gate: $0, sleeper: sleeper) } ?? transport()
        let asDetails = gate != nil
        return CloudFrontClient(
            endpoint: endpoint, transport: transport, credentials: credentials,
            retrier: Retrier(sleeper: sleeper, random: random), now: { [self] in epochSeconds() },
            onRetry: { notice in
                guard logsRetries else { return }
                if asDetails {
                    reporter.report(
                        .detail(
                            "retrying \(notice.operation) (attempt \(notice.attempt + 1)) in "
                                + "\(TenantProgress.durationText(notice.delay.seconds)): \(notice.reason)"))
                    return
                }
                reporter.report(
                    .retrying(
                        operation: notice.operation, attempt: notice.attempt, delaySeconds: notice.delay.seconds,
                        reason: notice.reason))
            })
    }
}

extension Duration {
    /// The duration in seconds as a `Double`.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
