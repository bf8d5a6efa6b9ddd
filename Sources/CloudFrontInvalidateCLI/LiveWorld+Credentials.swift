import Credentials
import Reporting
import Transport

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension LiveWorld {
    /// The credential chain for this run: environment, web identity, CI OIDC, shared files, container, IMDSv2;
    /// cached and refreshed before expiry. Every secret it obtains is handed to the reporter's `mask` before it is
    /// used: redacted from every log line and file, and on GitHub Actions announced with `::add-mask::`.
    func credentialChain(settings: CredentialChainSettings, reporter: any Reporter) -> any CredentialProvider {
        let secrets = SecretSink(onSecret: { value in reporter.mask(value) })
        let context = CredentialSourceContext(
            environment: environment, readFile: Self.readCredentialFile, transport: curlTransport(),
            metadataTransport: metadataTransport(), processRunner: SpawnProcessRunner(), now: LiveWorld.now,
            secrets: secrets, onRetry: Self.retryLog(reporter))
        return CredentialProviderChain.standard(settings: settings, context: context)
    }

    /// IMDS answers within milliseconds on EC2 and not at all elsewhere: one-second connect, two-second total.
    func metadataTransport() -> CurlTransport {
        CurlTransport(
            configuration: .init(
                connectTimeoutSeconds: 1, totalTimeoutSeconds: 2, maxResponseBytes: 64 << 10,
                userAgent: "cloudfront-invalidate/\(BuildInfo.version)"))
    }

    /// Token files, shared config files: plain files only, at most 1 MiB, never standard input.
    @Sendable static func readCredentialFile(_ path: String) throws -> String {
        guard path != "-", let data = FileManager.default.contents(atPath: path), data.count <= 1 << 20 else {
            throw FileReadError(path: path)
        }
        return String(decoding: data, as: UTF8.self)
    }
}
