import SigV4
import Synchronization
import TextTrimming

/// Collects every secret value the chain obtains (keys, session tokens, OIDC tokens) as soon as it has it.
///
/// The CLI forwards each value to the CI's masking (`::add-mask::` on GitHub) before the value is used, and the chain
/// scrubs the values from every error message it builds, so a service that echoes a token cannot leak it.
public final class SecretSink: Sendable {
    /// Values shorter than this are neither masked nor scrubbed: masking "1" would blank every log line.
    public static let minimumLength = 8

    private let onSecret: @Sendable (String) -> Void
    /// As UTF-8 bytes: a `Set<String>` would merge canonically equivalent values, and masking is byte-exact.
    private let seen = Mutex<Set<[UInt8]>>([])

    public init(onSecret: @escaping @Sendable (String) -> Void = { _ in }) {
        self.onSecret = onSecret
    }

    /// Records `value` and announces it once (each line separately, as masking works per line).
    public func record(_ value: String?) {
        guard let value else { return }
        for line in value.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map(String.init) {
            let candidate = line.trimmingASCIIWhitespace()
            guard candidate.count >= Self.minimumLength else { continue }
            let isNew = seen.withLock { $0.insert(Array(candidate.utf8)).inserted }
            if isNew { onSecret(candidate) }
        }
    }

    /// Records the secret parts of `credentials` (the access key ID is an identifier, not a secret).
    public func record(credentials: ResolvedCredentials) {
        record(credentials.credentials.secretAccessKey)
        record(credentials.credentials.sessionToken)
    }

    /// `text` with every recorded secret replaced by `***` and signing material scrubbed (``Redaction``).
    public func redact(_ text: String) -> String {
        Redaction.redact(text, secrets: seen.withLock { $0 }.map { String(decoding: $0, as: UTF8.self) })
    }
}
