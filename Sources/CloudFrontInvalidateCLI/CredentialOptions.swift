import ArgumentParser

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
}
