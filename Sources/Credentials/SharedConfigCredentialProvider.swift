import SigV4

/// The shared files: `AWS_SHARED_CREDENTIALS_FILE` (~/.aws/credentials) and `AWS_CONFIG_FILE` (~/.aws/config), the
/// profile from `--profile` / `AWS_PROFILE` (else `default`).
///
/// A profile yields, in this order: `role_arn` with `web_identity_token_file`, `source_profile` or
/// `credential_source` (STS); static `aws_access_key_id` + `aws_secret_access_key` (+ `aws_session_token`);
/// `credential_process`. Role chains are followed up to `maximumDepth` profiles, loops refused.
public struct SharedConfigCredentialProvider: CredentialProvider {
    public var sourceName: String { "shared config" }
    public static let maximumDepth = 5
    let context: CredentialSourceContext
    let profileName: String
    /// True when the profile was named (flag or AWS_PROFILE): then a missing profile is an error, not a skip.
    let explicit: Bool

    public init(context: CredentialSourceContext, settings: CredentialChainSettings) {
        self.context = context
        let named = CredentialChainSettings.pick(settings.profile, "AWS_PROFILE", in: context.environment)
        profileName = named ?? "default"
        explicit = named != nil
    }

    /// The two file paths, environment first, then under `HOME`.
    var paths: (credentials: String, config: String) {
        let environment = context.environment
        let credentials = environment.nonEmpty("AWS_SHARED_CREDENTIALS_FILE") ?? "~/.aws/credentials"
        let config = environment.nonEmpty("AWS_CONFIG_FILE") ?? "~/.aws/config"
        return (context.expandingHome(credentials), context.expandingHome(config))
    }

    public func resolve() async throws(CredentialError) -> ResolvedCredentials {
        let (credentialsPath, configPath) = paths
        let credentialsText = try? context.readFile(credentialsPath)
        let configText = try? context.readFile(configPath)
        let profiles = SharedProfiles(
            credentials: SharedConfigFile(parsing: credentialsText ?? ""),
            config: SharedConfigFile(parsing: configText ?? ""))
        guard let profile = profiles[profileName] else {
            let files =
                credentialsText == nil && configText == nil
                ? "neither \(credentialsPath) nor \(configPath) exists"
                : "there is no profile \(profileName) in \(credentialsPath) or \(configPath)"
            throw CredentialError(
                source: sourceName, reason: explicit ? "the profile \(profileName) was asked for, but \(files)" : files,
                applied: explicit)
        }
        if !explicit && !Self.hasCredentialSettings(profile) {
            throw CredentialError(
                source: sourceName,
                reason: "the profile default has no credential settings (aws_access_key_id, role_arn, "
                    + "credential_process)",
                applied: false)
        }
        return try await resolve(profileName, in: profiles, visited: [])
    }

    static func hasCredentialSettings(_ profile: [String: String]) -> Bool {
        [
            "aws_access_key_id", "aws_secret_access_key", "role_arn", "credential_process", "sso_start_url",
            "sso_session", "web_identity_token_file",
        ].contains { profile[$0] != nil }
    }

    /// One profile's credentials; `visited` holds the profiles of the role chain so far.
    func resolve(_ name: String, in profiles: SharedProfiles, visited: [String]) async throws(CredentialError)
        -> ResolvedCredentials
    {
        let source = "shared config profile \(name)"
        guard let profile = profiles[name] else {
            throw CredentialError(
                source: source, reason: "source_profile names the profile \(name), which does not exist",
                applied: true)
        }
        guard visited.count < Self.maximumDepth else {
            throw CredentialError(
                source: source,
                reason: "the role chain \((visited + [name]).joined(separator: " → ")) is longer than "
                    + "\(Self.maximumDepth) profiles",
                applied: true)
        }
        if let roleARN = profile.nonEmpty("role_arn") {
            return try await assumeRole(roleARN, profile: profile, name: name, in: profiles, visited: visited)
        }
        if let credentials = try staticCredentials(profile, source: source) {
            return ResolvedCredentials(credentials: credentials, source: source)
        }
        if let command = profile.nonEmpty("credential_process") {
            return try await CredentialProcess(command: command, source: source, context: context).resolve()
        }
        if profile.nonEmpty("sso_start_url") != nil || profile.nonEmpty("sso_session") != nil {
            throw CredentialError(
                source: source,
                reason: "IAM Identity Center (SSO) profiles are not supported directly; add `credential_process = "
                    + "aws configure export-credentials --profile \(name) --format process` to a profile and use it",
                applied: true)
        }
        throw CredentialError(
            source: source,
            reason: "the profile has no aws_access_key_id/aws_secret_access_key, role_arn or credential_process",
            applied: true)
    }

    /// The profile's keys, nil when it has none, an error when only one half is present.
    func staticCredentials(_ profile: [String: String], source: String) throws(CredentialError) -> AWSCredentials? {
        let keyID = profile.nonEmpty("aws_access_key_id")
        let secret = profile.nonEmpty("aws_secret_access_key")
        switch (keyID, secret) {
        case (nil, nil):
            return nil
        case (let keyID?, let secret?):
            return AWSCredentials(
                accessKeyID: keyID, secretAccessKey: secret, sessionToken: profile.nonEmpty("aws_session_token"))
        case (nil, _):
            throw CredentialError(
                source: source, reason: "aws_secret_access_key is set but aws_access_key_id is not", applied: true)
        case (_, nil):
            throw CredentialError(
                source: source, reason: "aws_access_key_id is set but aws_secret_access_key is not", applied: true)
        }
    }

    /// `role_arn` with `web_identity_token_file`, `source_profile` or `credential_source`.
    func assumeRole(
        _ roleARN: String, profile: [String: String], name: String, in profiles: SharedProfiles, visited: [String]
    ) async throws(CredentialError) -> ResolvedCredentials {
        let source = "shared config profile \(name)"
        let sts = context.stsClient(.resolve(environment: context.environment, region: profile.nonEmpty("region")))
        let sessionName =
            profile.nonEmpty("role_session_name").map(SessionName.sanitized)
            ?? SessionName.fallback(now: context.now())
        if let tokenFile = profile.nonEmpty("web_identity_token_file") {
            return try await WebIdentityCredentialProvider(
                sourceName: source, tokenFile: tokenFile, roleARN: roleARN, sessionName: sessionName, sts: sts,
                context: context, tokenFileSetting: "web_identity_token_file", roleSetting: "role_arn"
            ).resolve()
        }
        let sourceCredentials: ResolvedCredentials
        if let sourceProfile = profile.nonEmpty("source_profile") {
            if visited.contains(sourceProfile) || (sourceProfile == name && !visited.isEmpty) {
                throw CredentialError(
                    source: source,
                    reason:
                        "source_profile makes a loop: \((visited + [name, sourceProfile]).joined(separator: " → "))",
                    applied: true)
            }
            if sourceProfile == name {
                // A profile may be its own source: its static keys assume its role.
                guard let keys = try staticCredentials(profile, source: source) else {
                    throw CredentialError(
                        source: source, reason: "source_profile names the profile itself, which has no static keys",
                        applied: true)
                }
                sourceCredentials = ResolvedCredentials(credentials: keys, source: source)
            } else {
                sourceCredentials = try await resolve(sourceProfile, in: profiles, visited: visited + [name])
            }
        } else if let credentialSource = profile.nonEmpty("credential_source") {
            sourceCredentials = try await credentialSourceCredentials(credentialSource, source: source)
        } else {
            throw CredentialError(
                source: source,
                reason: "role_arn needs source_profile, credential_source or web_identity_token_file beside it",
                applied: true)
        }
        context.secrets.record(credentials: sourceCredentials)
        do {
            let issued = try await sts.assumeRole(
                roleARN: roleARN, sessionName: sessionName, externalID: profile.nonEmpty("external_id"),
                durationSeconds: profile.nonEmpty("duration_seconds").flatMap { Int($0) },
                source: sourceCredentials.credentials)
            return ResolvedCredentials(credentials: issued.credentials, source: source, expiration: issued.expiration)
        } catch {
            throw CredentialError(
                source: source,
                reason: error.explanation(operation: "AssumeRole", endpoint: sts.endpoint.url) + " (role \(roleARN))",
                applied: true, code: error.code)
        }
    }

    /// `credential_source = Environment | EcsContainer | Ec2InstanceMetadata`.
    func credentialSourceCredentials(_ value: String, source: String) async throws(CredentialError)
        -> ResolvedCredentials
    {
        let provider: any CredentialProvider
        switch value {
        case "Environment": provider = EnvironmentCredentialProvider(environment: context.environment)
        case "EcsContainer": provider = ContainerCredentialProvider(context: context)
        case "Ec2InstanceMetadata": provider = InstanceMetadataCredentialProvider(context: context)
        default:
            throw CredentialError(
                source: source,
                reason: "credential_source \(value) is not one of Environment, EcsContainer, Ec2InstanceMetadata",
                applied: true)
        }
        do {
            return try await provider.resolve()
        } catch {
            let why = error.attempts.map(\.reason).joined(separator: "; ")
            throw CredentialError(
                source: source, reason: "its credential_source \(value) gave no credentials: \(why)", applied: true)
        }
    }
}
