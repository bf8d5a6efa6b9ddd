import AWSPipeline
import Resilience
import Transport

/// Everything the credential sources read from the outside world, injected so tests need no disk, network or process.
public struct CredentialSourceContext: Sendable {
    /// The process environment.
    public var environment: [String: String]
    /// Reads a whole file as UTF-8 text; throws when it is missing or unreadable.
    public var readFile: @Sendable (String) throws -> String
    /// HTTP for STS, the GitHub token service and container endpoints.
    public var transport: any HTTPTransport
    /// HTTP with short timeouts for the EC2 instance metadata service (absent off EC2, so probes must be quick).
    public var metadataTransport: any HTTPTransport
    /// Runs `credential_process` commands.
    public var processRunner: any ProcessRunner
    /// Seconds since 1970 (signing STS requests, expiry checks, fallback session names).
    public var now: @Sendable () -> Double
    /// Retries for STS and container calls (throttling, 5xx, connection failures).
    public var retrier: Retrier
    /// Where every secret obtained is announced.
    public var secrets: SecretSink
    /// Told of every STS retry before it happens, so the log shows it as it shows CloudFront's.
    public var onRetry: @Sendable (RetryNotice) -> Void

    public init(
        environment: [String: String], readFile: @escaping @Sendable (String) throws -> String,
        transport: any HTTPTransport, metadataTransport: (any HTTPTransport)? = nil,
        processRunner: any ProcessRunner = SpawnProcessRunner(), now: @escaping @Sendable () -> Double,
        retrier: Retrier = Retrier(policy: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(300))),
        secrets: SecretSink = SecretSink(), onRetry: @escaping @Sendable (RetryNotice) -> Void = { _ in }
    ) {
        self.environment = environment
        self.readFile = readFile
        self.transport = transport
        self.metadataTransport = metadataTransport ?? transport
        self.processRunner = processRunner
        self.now = now
        self.retrier = retrier
        self.secrets = secrets
        self.onRetry = onRetry
    }

    /// The STS client for `endpoint`: this context's transport, retries, clock and retry log.
    func stsClient(_ endpoint: STSClient.Endpoint) -> STSClient {
        STSClient(endpoint: endpoint, transport: transport, retrier: retrier, now: now, onRetry: onRetry)
    }

    /// `~/` expanded with `HOME`.
    func expandingHome(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = environment.nonEmpty("HOME") else { return path }
        return home + path.dropFirst()
    }
}
