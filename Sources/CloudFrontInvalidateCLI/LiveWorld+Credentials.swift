import Credentials
import Transport

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension LiveWorld {
    /// The credential chain for this run: environment, web identity, CI OIDC, shared files, container, IMDSv2;
    /// cached and refreshed before expiry. On GitHub Actions every secret it obtains is masked before it is used.
    func credentialProvider(options: CredentialOptions) -> any CredentialProvider {
        let onGitHub = environment["GITHUB_ACTIONS"] == "true"
        let secrets = SecretSink(onSecret: { value in
            // The log stream (stderr) is read by the runner for workflow commands; stdout carries results only.
            if onGitHub { StandardStreams.writeLog("::add-mask::\(value)") }
        })
        let context = CredentialSourceContext(
            environment: environment, readFile: Self.readCredentialFile, transport: transport(),
            metadataTransport: metadataTransport(), processRunner: SpawnProcessRunner(), now: LiveWorld.now,
            secrets: secrets)
        return CredentialProviderChain.standard(settings: options.settings, context: context)
    }

    /// IMDS answers within milliseconds on EC2 and not at all elsewhere: one-second connect, two-second total.
    func metadataTransport() -> CurlTransport {
        CurlTransport(
            configuration: .init(
                connectTimeoutSeconds: 1, totalTimeoutSeconds: 2, maxResponseBytes: 64 << 10,
                userAgent: "cloudfront-invalidate/\(CloudFrontInvalidate.version)"))
    }

    /// Token files, shared config files: plain files only, at most 1 MiB, never standard input.
    @Sendable static func readCredentialFile(_ path: String) throws -> String {
        guard path != "-", let data = FileManager.default.contents(atPath: path), data.count <= 1 << 20 else {
            throw FileReadError(path: path)
        }
        return String(decoding: data, as: UTF8.self)
    }
}
