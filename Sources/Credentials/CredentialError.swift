/// Why no credentials could be had: each source tried, and what it said.
///
/// A source that did not apply (its settings were absent) lets the chain go on; a source that applied and failed
/// stops it, so a broken OIDC set-up is reported as such instead of being hidden by a later source.
public struct CredentialError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One source's outcome.
    public struct Attempt: Sendable, Equatable {
        public var source: String
        /// A whole sentence without secrets, e.g. "AWS_ACCESS_KEY_ID is not set."
        public var reason: String
        /// True when the source applied (its settings were present) but failed; false when it simply did not apply.
        public var applied: Bool
        /// The AWS error code behind the failure (`InvalidIdentityToken`, `AccessDenied`, `ExpiredToken`…), if any.
        public var code: String?

        public init(source: String, reason: String, applied: Bool, code: String? = nil) {
            self.source = source
            self.reason = reason
            self.applied = applied
            self.code = code
        }
    }

    public var attempts: [Attempt]

    public init(attempts: [Attempt]) {
        self.attempts = attempts
    }

    public init(source: String, reason: String, applied: Bool, code: String? = nil) {
        self.attempts = [Attempt(source: source, reason: reason, applied: applied, code: code)]
    }

    /// The source that applied and failed, when one did (the chain stops there).
    public var failure: Attempt? { attempts.last { $0.applied } }

    /// Every source and why it gave nothing, then how to fix the common cases; several lines, no secrets.
    public var description: String {
        var lines: [String] = []
        if let failure {
            lines.append(
                "AWS credentials from \(failure.source) could not be obtained: \(Self.sentence(failure.reason))")
            let before = attempts.filter { $0 != failure }
            if !before.isEmpty {
                lines.append("Sources tried before it:")
                lines += before.map { "  - \($0.source): \(Self.sentence($0.reason))" }
            }
        } else {
            lines.append("No usable AWS credentials were found. Sources tried, in order:")
            lines += attempts.map { "  - \($0.source): \(Self.sentence($0.reason))" }
        }
        lines.append("To fix it:")
        lines += fixes.map { "  - \($0)" }
        return lines.joined(separator: "\n")
    }

    /// The advice for this failure: the specific one first, then the common set-ups.
    var fixes: [String] {
        var result: [String] = []
        if let code = failure?.code, let specific = Self.advice[code] { result.append(specific) }
        result += [
            "Long-lived keys: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary "
                + "keys) from masked CI secrets.",
            "GitHub Actions OIDC: give the job `permissions: id-token: write` and pass --role-arn (or set "
                + "AWS_ROLE_ARN) naming a role whose trust policy accepts token.actions.githubusercontent.com.",
            "GitLab CI OIDC: declare `id_tokens: AWS_ID_TOKEN: aud: \(CredentialChainSettings.gitLabAudience)` in the "
                + "job and pass --role-arn (or set AWS_ROLE_ARN) naming a role whose trust policy accepts your GitLab "
                + "host.",
            "A profile: pass --profile NAME (or set AWS_PROFILE) naming a profile of ~/.aws/credentials or "
                + "~/.aws/config.",
            "Use --dry-run to plan without credentials.",
        ]
        return result
    }

    /// What to do about the STS and service error codes people meet most.
    static let advice: [String: String] = [
        "InvalidIdentityToken":
            "STS rejected the OIDC token: check that the IAM OIDC identity provider for the token's issuer exists "
            + "in the account and lists the token's audience (GitHub: default sts.amazonaws.com, see --oidc-audience; "
            + "GitLab: the job's `id_tokens:` aud, default \(CredentialChainSettings.gitLabAudience)).",
        "AccessDenied":
            "STS refused to let this identity assume the role: check the role's trust policy (its `sub` condition "
            + "must match this repository/project and branch) and that the role ARN is right.",
        "AccessDeniedException":
            "STS refused to let this identity assume the role: check the role's trust policy and the role ARN.",
        "ExpiredToken":
            "The token had expired before it reached STS: request a fresh one (re-run the job, or refresh the "
            + "token file) and keep the time between issuing and using it short.",
        "ExpiredTokenException":
            "The token had expired before it reached STS: request a fresh one and use it promptly.",
        "IDPRejectedClaim":
            "STS rejected a claim of the token: check the role's trust policy conditions against the token's claims.",
    ]

    /// Ends `text` with a full stop when it has no closing punctuation.
    static func sentence(_ text: String) -> String {
        guard let last = text.last else { return text }
        return ".!?".contains(last) ? text : text + "."
    }
}
