import CloudFront
import Credentials
import Reporting
import Resilience

extension RunWorld {
    /// The one place a CloudFront client is built: the world's transport, time, sleeper and jitter, the given
    /// credentials; with `logsRetries`, every retry is reported as it happens.
    func cloudFrontClient(
        endpointURL: String?, credentials: any CredentialProvider, reporter: any Reporter, logsRetries: Bool
    ) throws -> CloudFrontClient {
        // The same check validate and --dry-run make: URL form, no plain HTTP to AWS (CloudFront or STS).
        let endpoint = try EndpointCheck.check(endpointURL: endpointURL, environment: environment).cloudFront
        return CloudFrontClient(
            endpoint: endpoint, transport: transport(), credentials: credentials,
            retrier: Retrier(sleeper: sleeper, random: random), now: { [self] in epochSeconds() },
            onRetry: { notice in
                guard logsRetries else { return }
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
