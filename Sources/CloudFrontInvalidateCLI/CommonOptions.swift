import ArgumentParser
import Configuration
import Reporting

/// Which distributions or tenants to act on.
struct TargetOptions: ParsableArguments {
    @Option(
        name: [.customShort("d"), .customLong("distribution-id")],
        help: ArgumentHelp(
            "Distribution ID (repeatable; commas allowed). Env: CLOUDFRONT_DISTRIBUTION_ID.", valueName: "id"))
    var distributionIDs: [String] = []

    @Option(
        name: .customLong("tenant-id"),
        help: ArgumentHelp("Distribution tenant ID (repeatable). Env: CLOUDFRONT_TENANT_ID.", valueName: "id"))
    var tenantIDs: [String] = []

    @Option(
        name: .customLong("distribution-tag"),
        help: ArgumentHelp(
            "Narrow -d names to the distributions carrying this tag (repeatable).", valueName: "key=value"))
    var distributionTags: [String] = []

    /// The `--distribution-tag` values as a dictionary; a value without `=` is a usage error.
    func parsedTags() throws -> [String: String] {
        var tags: [String: String] = [:]
        for raw in distributionTags {
            guard let equals = raw.firstIndex(of: "="), equals != raw.startIndex else {
                throw ValidationError("--distribution-tag '\(raw)' is not KEY=VALUE (for example env=production).")
            }
            tags[String(raw[..<equals])] = String(raw[raw.index(after: equals)...])
        }
        return tags
    }
}

/// Where to send requests.
struct ConnectionOptions: ParsableArguments {
    @Option(
        name: .customLong("endpoint-url"),
        help: ArgumentHelp(
            "CloudFront API endpoint (emulators, tests). Env: AWS_ENDPOINT_URL_CLOUDFRONT, AWS_ENDPOINT_URL.",
            valueName: "url"))
    var endpointURL: String?
}

/// What the run prints.
struct OutputOptions: ParsableArguments {
    @Flag(name: .customLong("json"), help: "Print the result document as JSON on stdout. Env: CLOUDFRONT_JSON.")
    var json = false

    @Flag(name: [.customShort("v"), .customLong("verbose")], help: "Show request IDs, retry reasons and timings.")
    var verbose = false

    @Flag(name: [.customShort("q"), .customLong("quiet")], help: "Show errors only.")
    var quiet = false

    @Option(
        name: .customLong("log-format"),
        help: ArgumentHelp(
            "auto (default: GitHub Actions or GitLab CI when detected, else plain), plain, github or gitlab. "
                + "Env: CLOUDFRONT_LOG_FORMAT.", valueName: "format"))
    var logFormat: String?

    @Option(
        name: .customLong("dotenv"),
        help: ArgumentHelp(
            "Write CLOUDFRONT_INVALIDATION_ID, _IDS and _STATUS to this file (GitLab artifacts:reports:dotenv). "
                + "Env: CLOUDFRONT_DOTENV.", valueName: "file"))
    var dotenv: String?

    var verbosity: Verbosity { quiet ? .quiet : verbose ? .verbose : .normal }

    /// Refuses contradictory flags and an unknown log format (flag or `CLOUDFRONT_LOG_FORMAT`): exit 64.
    func validate() throws {
        if verbose && quiet { throw ValidationError("--verbose and --quiet cannot be used together.") }
        do {
            _ = try ReportFormat.choose(flag: logFormat, environment: LiveWorld.processEnvironment)
        } catch {
            throw ValidationError(error.description)
        }
    }
}

/// Whether to wait for Completed, and for how long.
struct WaitOptions: ParsableArguments {
    @Flag(
        name: .customLong("wait"), inversion: .prefixedNo,
        help: "Block until every invalidation is Completed. Env: CLOUDFRONT_WAIT.")
    var wait: Bool?

    @OptionGroup var limits: TimeoutOptions

    func apply(to values: inout CommandLineValues) {
        values.wait = wait
        limits.apply(to: &values)
    }
}

/// How long a wait may last and what running out of time means.
struct TimeoutOptions: ParsableArguments {
    @Option(
        name: .customLong("timeout"),
        help: ArgumentHelp(
            "Wait limit: 90s, 15m, 1h30m or seconds (default 30m). Env: CLOUDFRONT_TIMEOUT.", valueName: "duration"))
    var timeout: String?

    @Option(
        name: .customLong("on-timeout"),
        help: ArgumentHelp(
            "fail: exit 124 (default); warn: exit 0 with a warning. Env: CLOUDFRONT_ON_TIMEOUT.",
            valueName: "fail|warn"))
    var onTimeout: String?

    func apply(to values: inout CommandLineValues) {
        values.timeout = timeout
        values.onTimeout = onTimeout
    }
}
