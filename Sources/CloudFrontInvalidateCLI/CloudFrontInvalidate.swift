import ArgumentParser
import ExitCodes

/// The `cloudfront-invalidate` command: `create` is the default subcommand, so `cloudfront-invalidate -d ID /path`
/// creates an invalidation.
public struct CloudFrontInvalidate: AsyncParsableCommand {
    /// `X.Y.Z (revision)` from the git tag at build time (`scripts/build-static`); `dev` for an untagged build.
    public static let version = BuildInfo.versionLine

    public static let configuration = CommandConfiguration(
        commandName: "cloudfront-invalidate",
        abstract: "Invalidate Amazon CloudFront caches from a CI pipeline.",
        discussion: ExitStatus.summary,
        version: version,
        subcommands: [
            CreateCommand.self, WaitCommand.self, StatusCommand.self, ListCommand.self, ValidateCommand.self,
            CheckCommand.self,
        ],
        defaultSubcommand: CreateCommand.self
    )

    public init() {}
}

extension CloudFrontInvalidate {
    /// Parses the process arguments (options may come before the command, see `CommandFirst`) and runs the chosen
    /// command asynchronously.
    ///
    /// From another module, `await CloudFrontInvalidate.main()` resolves to the synchronous `ParsableCommand.main`,
    /// which refuses async commands; this is the body of `AsyncParsableCommand.main` without the ambiguity.
    public static func runFromCommandLine() async {
        let invalidInput = RawInputCheck.liveProblems()
        guard invalidInput.isEmpty else {
            for problem in invalidInput { StandardStreams.writeLog("Error: " + problem) }
            exit(withError: ExitCode(64))
        }
        // ArgumentParser answers `--version` alone; with `--verbose` the components are listed as well.
        if VersionReport.isRequested(by: Array(CommandLine.arguments.dropFirst())) {
            print(VersionReport.lines().joined(separator: "\n"))
            return
        }
        do {
            var command = try parseAsRoot(CommandFirst.reorder(Array(CommandLine.arguments.dropFirst())))
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
