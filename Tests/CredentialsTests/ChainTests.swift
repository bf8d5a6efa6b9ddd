import Credentials
import SigV4
import Synchronization
import TestSupport
import Testing

@Suite("Provider chain and cache")
struct ChainTests {
    static let keys = AWSCredentials(accessKeyID: "AKIDCHAIN", secretAccessKey: "chain-secret-value-1")

    static func resolved(_ source: String, expiration: Double? = nil, secret: String = "chain-secret-value-1")
        -> ResolvedCredentials
    {
        ResolvedCredentials(
            credentials: AWSCredentials(
                accessKeyID: "AKID\(source)", secretAccessKey: secret, sessionToken: "tok-\(source)-123"),
            source: source, expiration: expiration)
    }

    @Test("The first source that yields credentials wins; later ones are not asked")
    func firstWins() async throws {
        let skipped = ScriptedProvider(
            "one", [.failure(CredentialError(source: "one", reason: "not set", applied: false))])
        let winner = ScriptedProvider("two", [.success(Self.resolved("two"))])
        let never = ScriptedProvider("three", [.success(Self.resolved("three"))])
        let chain = CredentialProviderChain(providers: [skipped, winner, never])
        let result = try await chain.resolve()
        #expect(result.source == "two")
        #expect(skipped.calls == 1 && winner.calls == 1 && never.calls == 0)
    }

    @Test("A source that applied and failed stops the chain and is named in the error")
    func appliedFailureStops() async {
        let skipped = ScriptedProvider(
            "environment",
            [.failure(CredentialError(source: "environment", reason: "AWS_ACCESS_KEY_ID is not set", applied: false))])
        let broken = ScriptedProvider(
            "web identity",
            [
                .failure(
                    CredentialError(
                        source: "web identity", reason: "STS said InvalidIdentityToken", applied: true,
                        code: "InvalidIdentityToken"))
            ])
        let later = ScriptedProvider("container", [.success(Self.resolved("container"))])
        let chain = CredentialProviderChain(providers: [skipped, broken, later])
        let error = await #expect(throws: CredentialError.self) { try await chain.resolve() }
        #expect(later.calls == 0)
        #expect(error?.attempts.map(\.source) == ["environment", "web identity"])
        let text = error?.description ?? ""
        #expect(
            text.hasPrefix("AWS credentials from web identity could not be obtained: STS said InvalidIdentityToken."))
        #expect(text.contains("  - environment: AWS_ACCESS_KEY_ID is not set."))
        #expect(text.contains("IAM OIDC identity provider"))
    }

    @Test("When nothing applies, the message lists every source and the common fixes")
    func nothingApplies() async {
        let names = ["environment", "web identity", "CI OIDC", "shared config", "container", "instance metadata"]
        let providers = names.map { name in
            ScriptedProvider(
                name, [.failure(CredentialError(source: name, reason: "\(name) is not configured", applied: false))])
        }
        let error = await #expect(throws: CredentialError.self) {
            try await CredentialProviderChain(providers: providers).resolve()
        }
        let text = error?.description ?? ""
        #expect(text.hasPrefix("No usable AWS credentials were found. Sources tried, in order:"))
        for name in names { #expect(text.contains("  - \(name): \(name) is not configured.")) }
        #expect(text.contains("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"))
        #expect(text.contains("`permissions: id-token: write`"))
        #expect(text.contains("`id_tokens: AWS_ID_TOKEN: aud: $CI_SERVER_URL`"))
    }

    @Test("Winning credentials' secrets are announced, and secrets are scrubbed from failure reasons")
    func secretsAnnouncedAndScrubbed() async throws {
        let log = SecretLog()
        let chain = CredentialProviderChain(
            providers: [ScriptedProvider("one", [.success(Self.resolved("one"))])], secrets: log.sink)
        _ = try await chain.resolve()
        #expect(log.recorded == ["chain-secret-value-1", "tok-one-123"])

        log.sink.record("leaky-token-abcdef")
        let leaking = ScriptedProvider(
            "leaky",
            [.failure(CredentialError(source: "leaky", reason: "server echoed leaky-token-abcdef back", applied: true))]
        )
        let error = await #expect(throws: CredentialError.self) {
            try await CredentialProviderChain(providers: [leaking], secrets: log.sink).resolve()
        }
        #expect(error?.attempts.first?.reason == "server echoed *** back")
        #expect(error?.description.contains("leaky-token-abcdef") == false)
    }

    @Test("A recorded secret is scrubbed on bytes: a combining mark after it does not hide it (issue 13 item 4)")
    func scrubbedOnBytes() {
        let log = SecretLog()
        log.sink.record("leaky-token-abcdef")
        #expect(
            log.sink.redact("echo leaky-token-abcdef\u{0301} and leaky-token-abcdef\u{200D}")
                == "echo ***\u{0301} and ***\u{200D}")
        #expect(log.sink.redact("Authorization: AWS4-HMAC-SHA256 Signature=abc") == "Authorization: ***")
    }

    @Test("Short values are neither announced nor scrubbed")
    func shortValuesIgnored() {
        let log = SecretLog()
        log.sink.record("abc")
        log.sink.record("line-one-secret\nline-two-secret")
        #expect(log.recorded == ["line-one-secret", "line-two-secret"])
        #expect(log.sink.redact("abc line-two-secret") == "abc ***")
    }

    @Test("Cached credentials are reused until shortly before they expire, then refreshed")
    func cacheRefreshesBeforeExpiry() async throws {
        let clock = Clock(now: 1_000)
        let base = ScriptedProvider(
            "sts",
            [.success(Self.resolved("first", expiration: 4_600)), .success(Self.resolved("second", expiration: 8_200))])
        let cache = CachingCredentialProvider(base, now: { clock.now }, refreshWindow: 600)
        #expect(try await cache.resolve().source == "first")
        clock.now = 3_999  // 601 s left: still good
        #expect(try await cache.resolve().source == "first")
        #expect(base.calls == 1)
        clock.now = 4_000  // 600 s left: refresh
        #expect(try await cache.resolve().source == "second")
        #expect(base.calls == 2)
    }

    @Test("Long-lived keys are fetched once")
    func cacheKeepsLongLivedKeys() async throws {
        let base = ScriptedProvider("env", [.success(Self.resolved("env"))])
        let cache = CachingCredentialProvider(base, now: { fixedNow })
        for _ in 0..<5 { _ = try await cache.resolve() }
        #expect(base.calls == 1)
    }

    @Test("A failed refresh keeps the old keys while they still work, and fails once they do not")
    func failedRefresh() async throws {
        let clock = Clock(now: 0)
        let failure = CredentialError(source: "sts", reason: "STS unreachable", applied: true)
        let base = ScriptedProvider("sts", [.success(Self.resolved("first", expiration: 3_600)), .failure(failure)])
        let cache = CachingCredentialProvider(base, now: { clock.now }, refreshWindow: 600, minimumRemaining: 60)
        _ = try await cache.resolve()
        clock.now = 3_300
        #expect(try await cache.resolve().source == "first")
        clock.now = 3_550
        await #expect(throws: CredentialError.self) { try await cache.resolve() }
    }

    @Test("Concurrent callers share one refresh")
    func concurrentShareRefresh() async throws {
        let base = SlowProvider()
        let cache = CachingCredentialProvider(base, now: { fixedNow })
        try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 { group.addTask { try await cache.resolve().source } }
            for try await source in group { #expect(source == "slow") }
        }
        #expect(base.counter.value == 1)
    }
}

/// A mutable clock for the cache tests.
final class Clock: Sendable {
    private let value: Mutex<Double>
    init(now: Double) { value = Mutex(now) }
    var now: Double {
        get { value.withLock { $0 } }
        set { value.withLock { $0 = newValue } }
    }
}

/// Takes a moment to answer, so concurrent callers overlap.
struct SlowProvider: CredentialProvider {
    let counter = Counter()
    var sourceName: String { "slow" }
    func resolve() async throws(CredentialError) -> ResolvedCredentials {
        counter.increment()
        try? await Task.sleep(for: .milliseconds(50))
        return ChainTests.resolved("slow")
    }
}
