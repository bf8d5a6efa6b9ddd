import ArgumentParser
import Credentials

/// Where credentials come from, beyond what the environment says.
struct CredentialOptions: ParsableArguments {
    @Option(
        name: .customLong("profile"),
        help: ArgumentHelp("Shared config/credentials profile. Env: AWS_PROFILE.", valueName: "name"))
    var profile: String?

    @Option(
        name: .customLong("role-arn"),
        help: ArgumentHelp("Role to assume with the CI's OIDC token. Env: AWS_ROLE_ARN.", valueName: "arn"))
    var roleARN: String?

    @Option(
        name: .customLong("oidc-token-variable"),
        help: ArgumentHelp(
            "Variable holding the CI's OIDC token (GitLab `id_tokens:`). Env: CLOUDFRONT_OIDC_TOKEN_VARIABLE; "
                + "default AWS_ID_TOKEN.",
            valueName: "name"))
    var oidcTokenVariable: String?

    @Option(
        name: .customLong("oidc-audience"),
        help: ArgumentHelp(
            "Audience of the GitHub Actions ID token. Env: CLOUDFRONT_OIDC_AUDIENCE; default sts.amazonaws.com.",
            valueName: "aud"))
    var oidcAudience: String?

    /// The flags as chain settings; the chain falls back to the environment for each.
    var settings: CredentialChainSettings {
        CredentialChainSettings(
            profile: profile, roleARN: roleARN, oidcTokenVariable: oidcTokenVariable, oidcAudience: oidcAudience)
    }
}
