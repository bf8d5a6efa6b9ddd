import TextTrimming

/// What the command line says about credentials; each value falls back to its environment variable.
public struct CredentialChainSettings: Sendable, Equatable {
    /// `--profile`; else `AWS_PROFILE`; else `default`.
    public var profile: String?
    /// `--role-arn`; else `AWS_ROLE_ARN`.
    public var roleARN: String?
    /// `--oidc-token-variable`; else `CLOUDFRONT_OIDC_TOKEN_VARIABLE`; else `AWS_ID_TOKEN` (GitLab `id_tokens:`).
    public var oidcTokenVariable: String?
    /// `--oidc-audience`; else `CLOUDFRONT_OIDC_AUDIENCE`; else `sts.amazonaws.com` (GitHub token requests).
    public var oidcAudience: String?

    public static let defaultTokenVariable = "AWS_ID_TOKEN"
    public static let defaultAudience = "sts.amazonaws.com"
    /// The `aud` of the GitLab job's `id_tokens:` that the templates, the component and every message use: the
    /// GitLab instance's own URL, as GitLab's guide to OIDC with AWS sets up the IAM identity provider (provider URL
    /// and audience both the GitLab address). GitLab expands the variable in `aud` (GitLab 16.1 and later).
    public static let gitLabAudience = "$CI_SERVER_URL"

    public init(
        profile: String? = nil, roleARN: String? = nil, oidcTokenVariable: String? = nil,
        oidcAudience: String? = nil
    ) {
        self.profile = profile
        self.roleARN = roleARN
        self.oidcTokenVariable = oidcTokenVariable
        self.oidcAudience = oidcAudience
    }

    /// The flag when given, else the non-empty environment variable, else nil.
    static func pick(_ flag: String?, _ name: String, in environment: [String: String]) -> String? {
        if let flag = flag?.trimmingASCIIWhitespace(), !flag.isEmpty { return flag }
        return environment.nonEmpty(name)
    }
}

extension Dictionary where Key == String, Value == String {
    /// The variable's value without surrounding whitespace, or nil when unset or blank.
    func nonEmpty(_ name: String) -> String? {
        guard let value = self[name]?.trimmingASCIIWhitespace(), !value.isEmpty else { return nil }
        return value
    }
}
