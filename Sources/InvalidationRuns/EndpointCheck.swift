import CloudFront
import Configuration
import Transport

/// The endpoint checks every command makes before anything is sent, `validate` and `--dry-run` included: the
/// CloudFront endpoint (`--endpoint-url`, `AWS_ENDPOINT_URL_CLOUDFRONT`, `AWS_ENDPOINT_URL`, `endpoint_url:`) must
/// parse (http or https, a host, no user information, path or query) and not be plain HTTP to AWS; the STS endpoint
/// (`AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`) must not be plain HTTP to AWS either, since the OIDC token goes there.
enum EndpointCheck {
    /// The parsed CloudFront endpoint and the warnings to show (plain HTTP to a non-AWS, non-loopback host).
    struct Checked {
        let cloudFront: CloudFrontEndpoint
        let warnings: [String]
    }

    /// Checks the endpoints of `endpointURL` (nil: CloudFront's own) and of `environment`; every problem at once.
    static func check(endpointURL: String?, environment: [String: String]) throws(ConfigurationError) -> Checked {
        var problems: [ConfigurationError.Problem] = []
        var warnings: [String] = []
        var cloudFront: CloudFrontEndpoint?
        do {
            let endpoint = try CloudFrontEndpoint(parsing: endpointURL ?? CloudFrontEndpoint.standard)
            cloudFront = endpoint
            if let warning = endpoint.plaintextWarning { warnings.append(warning) }
        } catch {
            problems.append(.init(location: "endpoint URL", message: error.description))
        }
        let stsVariable = ["AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL"].first { !(environment[$0] ?? "").isEmpty }
        if let stsVariable, let url = environment[stsVariable] {
            switch EndpointSecurity.verdict(for: url) {
            case .refused(let host):
                problems.append(
                    .init(
                        location: stsVariable,
                        message: "the STS endpoint \"\(url)\" is plain http:// to the AWS host \(host), which would "
                            + "send the OIDC token and signed requests unencrypted; use https://."))
            case .plaintext(let host) where stsVariable == "AWS_ENDPOINT_URL_STS":
                warnings.append(
                    "The STS endpoint \(url) is plain HTTP to \(host): tokens travel unencrypted. Use https:// "
                        + "unless \(host) is an emulator on a network you trust.")
            default: break
            }
        }
        guard problems.isEmpty, let cloudFront else { throw ConfigurationError(problems) }
        return Checked(cloudFront: cloudFront, warnings: warnings)
    }
}
