import SigV4
import TextTrimming

/// Runs a profile's `credential_process` and reads its JSON (`Version` 1), as the SDKs do.
///
/// https://docs.aws.amazon.com/sdkref/latest/guide/feature-process-credentials.html
struct CredentialProcess: Sendable {
    let command: String
    let source: String
    let context: CredentialSourceContext
    var limits = ProcessLimits()

    func resolve() async throws(CredentialError) -> ResolvedCredentials {
        guard let arguments = CommandLineSplitter.split(command), !arguments.isEmpty else {
            throw fail("its credential_process is empty or has an unclosed quote")
        }
        let program = arguments[0]
        let outcome = await context.processRunner.run(arguments, environment: context.environment, limits: limits)
        switch outcome.termination {
        case .exited(0):
            break
        case .exited(let status):
            throw fail("its credential_process \(program) exited with status \(status)\(stderrSummary(outcome))")
        case .signalled(let signal):
            throw fail("its credential_process \(program) was killed by signal \(signal)")
        case .timedOut:
            throw fail("its credential_process \(program) did not finish within \(limits.timeout)")
        case .outputTooLarge:
            throw fail("its credential_process \(program) printed more than \(limits.maxOutputBytes) bytes")
        case .failedToStart(let message):
            throw fail("its credential_process \(program) could not be started: \(message)")
        }
        guard let document = JSONDocuments.decode(JSONDocuments.ProcessCredentials.self, from: outcome.stdout) else {
            throw fail("its credential_process \(program) did not print a JSON object")
        }
        guard document.Version == 1 else {
            throw fail(
                "its credential_process \(program) printed Version \(document.Version.map(String.init) ?? "none"); only Version 1 is understood"
            )
        }
        guard let keyID = document.AccessKeyId?.trimmingASCIIWhitespace(), !keyID.isEmpty,
            let secret = document.SecretAccessKey?.trimmingASCIIWhitespace(), !secret.isEmpty
        else {
            throw fail("its credential_process \(program) printed no AccessKeyId or SecretAccessKey")
        }
        let token = document.SessionToken?.trimmingASCIIWhitespace()
        context.secrets.record(secret)
        context.secrets.record(token)
        var expiration: Double?
        if let text = document.Expiration {
            guard let parsed = Timestamp.secondsSince1970(text) else {
                throw fail("its credential_process \(program) printed an Expiration that is not an ISO 8601 time")
            }
            expiration = parsed
        }
        return ResolvedCredentials(
            credentials: AWSCredentials(
                accessKeyID: keyID, secretAccessKey: secret, sessionToken: token?.isEmpty == false ? token : nil),
            source: source, expiration: expiration)
    }

    /// The first line of stderr, short, for the message (it is scrubbed of known secrets by the chain).
    private func stderrSummary(_ outcome: ProcessOutcome) -> String {
        let text = String(decoding: outcome.stderr.prefix(400), as: UTF8.self)
        guard let line = text.split(whereSeparator: \.isNewline).first.map({ String($0).trimmingASCIIWhitespace() }),
            !line.isEmpty
        else {
            return ""
        }
        return " (stderr: \(line))"
    }

    private func fail(_ reason: String) -> CredentialError {
        CredentialError(source: source, reason: reason, applied: true)
    }
}
