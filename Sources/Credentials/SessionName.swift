/// Role session names within STS's rules: 2–64 characters of `[A-Za-z0-9+=,.@_-]`.
///
/// CI sessions are named after the run so CloudTrail shows which pipeline acted: the repository or project first,
/// then the run/job IDs; when too long, the repository part is shortened so the IDs survive.
public enum SessionName {
    public static let maximumLength = 64

    /// The name for this CI run, or the tool's name plus the time outside a known CI.
    public static func forCI(environment: [String: String], now: Double) -> String {
        if environment["GITHUB_ACTIONS"] == "true", let repository = environment.nonEmpty("GITHUB_REPOSITORY") {
            let ids = [environment.nonEmpty("GITHUB_RUN_ID"), environment.nonEmpty("GITHUB_RUN_ATTEMPT")]
            return compose(prefix: "gh-" + repository, ids: ids.compactMap { $0 })
        }
        if environment["GITLAB_CI"] == "true", let project = environment.nonEmpty("CI_PROJECT_PATH") {
            let ids = [environment.nonEmpty("CI_PIPELINE_ID"), environment.nonEmpty("CI_JOB_ID")]
            return compose(prefix: "gl-" + project, ids: ids.compactMap { $0 })
        }
        return fallback(now: now)
    }

    /// `cloudfront-invalidate-<seconds>`, what botocore's `botocore-session-<seconds>` is to the AWS CLI.
    public static func fallback(now: Double) -> String {
        "cloudfront-invalidate-\(Int(now))"
    }

    /// Disallowed characters replaced by `-` (a `/` by `.`), cut to 64, padded to 2.
    public static func sanitized(_ text: String) -> String {
        var result = replacingDisallowed(text)
        if result.count > maximumLength { result = String(result.prefix(maximumLength)) }
        while result.count < 2 { result += "-" }
        return result
    }

    /// Each disallowed scalar replaced: `/` by `.`, anything else by `-`.
    static func replacingDisallowed(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { scalar in
                    if scalar == "/" { return "." }
                    return isAllowed(scalar) ? scalar : "-"
                }))
    }

    /// `prefix-id-id`, the prefix shortened first.
    static func compose(prefix: String, ids: [String]) -> String {
        let suffix = ids.map { "-" + replacingDisallowed($0) }.joined()
        let room = max(2, maximumLength - suffix.count)
        let head = String(replacingDisallowed(prefix).prefix(room))
        return sanitized(head + suffix)
    }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "+", "=", ",", ".", "@", "_", "-": true
        default: false
        }
    }
}
