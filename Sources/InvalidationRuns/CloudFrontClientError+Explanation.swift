import CloudFront
import ExitCodes
import Resilience

extension CloudFrontClientError {
    /// A whole-sentence explanation of the failure, with the fix where one is known: the one wording every command
    /// uses for a failed CloudFront call.
    public var explanation: String {
        switch ExitStatus.of(self) {
        case .credentials:
            if case .credentials = self { return description }
            // Every command lands here (status, list, tenant listing, name lookup), not only create: name no one action.
            return description
                + " Check that the credentials are valid and that their policy allows the CloudFront action this command"
                + " needs (the IAM table in docs/credentials.md lists them per command)."
        case .unavailable:
            // Only a failure that can pass by itself earns "try again later"; TLS and oversized answers say their fix.
            if case .transport(let transport, _) = self, !FailureClass.transport(transport.kind).isRetryable {
                return description
            }
            return description + " CloudFront or the network stayed unavailable; try again later."
        default:
            if case .service(let service, _) = self, service.code == "NoSuchDistribution" {
                return description + " Check the distribution ID (-d)."
            }
            return description
        }
    }
}
