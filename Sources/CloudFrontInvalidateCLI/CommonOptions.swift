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

    var verbosity: Verbosity { quiet ? .quiet : verbose ? .verbose : .normal }

    func validate() throws {
        if verbose && quiet { throw ValidationError("--verbose and --quiet cannot be used together.") }
    }
}
