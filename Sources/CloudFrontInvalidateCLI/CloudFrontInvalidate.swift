import ArgumentParser
import ExitCodes

/// The `cloudfront-invalidate` command: `create` is the default subcommand, so `cloudfront-invalidate -d ID /path`
/// creates an invalidation.
public struct CloudFrontInvalidate: AsyncParsableCommand {
    public static let version = "0.1.0"

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
    /// Parses the process arguments and runs the chosen command asynchronously.
    ///
    /// From another module, `await CloudFrontInvalidate.main()` resolves to the synchronous `ParsableCommand.main`,
    /// which refuses async commands; this is the body of `AsyncParsableCommand.main` without the ambiguity.
    public static func runFromCommandLine() async {
        do {
            var command = try parseAsRoot()
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
