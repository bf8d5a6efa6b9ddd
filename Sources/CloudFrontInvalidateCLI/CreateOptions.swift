import ArgumentParser
import CloudFront
import Configuration
import Credentials
import ExitCodes
import InvalidationRuns
import Reporting

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The inputs shared by `create` and `validate`.
struct CreateOptions: ParsableArguments {
    @OptionGroup var targets: TargetOptions

    @Argument(help: ArgumentHelp("Paths (/index.html, '/assets/*') or cache tags (#tag).", valueName: "path"))
    var positionalPaths: [String] = []

    @Option(
        name: [.customShort("p"), .customLong("path")], help: ArgumentHelp("A path (repeatable).", valueName: "path"))
    var paths: [String] = []

    @Option(
        name: .customLong("paths-file"),
        help: ArgumentHelp(
            "File with one path a line ('-' = stdin; '# ' starts a comment, '#tag' is a cache tag). "
                + "Env: CLOUDFRONT_PATHS_FILE.", valueName: "file"))
    var pathsFile: String?

    @Option(
        name: .customLong("caller-reference"),
        help: ArgumentHelp(
            "Idempotency token; default: the CI run plus a hash of the batch. Env: CLOUDFRONT_CALLER_REFERENCE.",
            valueName: "ref"))
    var callerReference: String?

    @Option(
        name: [.customShort("c"), .customLong("config")],
        help: ArgumentHelp(
            "YAML pipeline file ('-' = stdin); default: .cloudfront-invalidate.yml when present. "
                + "Env: CLOUDFRONT_CONFIG.", valueName: "file"))
    var config: String?

    @Flag(
        name: .customLong("dry-run"),
        help: "Plan and print; send nothing, need no credentials. Env: CLOUDFRONT_DRY_RUN.")
    var dryRun = false

    @Flag(name: .customLong("no-encode"), help: "Send paths verbatim, without percent-encoding.")
    var noEncode = false

    @Flag(
        name: .customLong("check-first"),
        help: "Run `check` on every target first; create nothing unless credentials and permissions are fine.")
    var checkFirst = false

    @OptionGroup var tenants: TenantOptions
    @OptionGroup var changes: ChangeListOptions
    @OptionGroup var waiting: WaitOptions
    @OptionGroup var credentials: CredentialOptions
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    /// The command-line values, before the environment fills the gaps.
    var commandLineValues: CommandLineValues {
        var values = CommandLineValues()
        values.distributionIDs = targets.distributionIDs
        values.tenantIDs = targets.tenantIDs
        values.paths = positionalPaths + paths
        values.pathsFile = pathsFile
        values.callerReference = callerReference
        values.dryRun = dryRun ? true : nil
        values.json = output.json ? true : nil
        values.endpointURL = connection.endpointURL
        values.noEncode = noEncode
        values.config = config
        values.readsPipelineFile = true
        values.logFormat = output.logFormat
        values.tenantSelection = tenants.selection
        changes.apply(to: &values)
        waiting.apply(to: &values)
        return values
    }

    /// Runs `create` (or, with `planOnly`, `validate`) in `world`: the core's outcome.
    func run(world: LiveWorld, reporter: any Reporter, planOnly: Bool) async -> ExitStatus {
        let output = self.output
        let options = CreateRun.Options(
            // Already checked by `validate()`, which refuses a malformed tag with exit 64.
            distributionTags: (try? targets.parsedTags()) ?? [:], checkFirst: checkFirst,
            credentials: credentials.settings, tenantPacing: tenants.pacing)
        let run = CreateRun(
            world: world, reporter: reporter, options: options,
            reporterForFileFormat: { format in
                world.reporter(verbosity: output.verbosity, logFormat: format, dotenv: output.dotenv)
            })
        return await run.run(commandLineValues, planOnly: planOnly)
    }
}
