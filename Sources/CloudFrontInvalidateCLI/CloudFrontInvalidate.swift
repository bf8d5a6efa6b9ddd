import ArgumentParser

/// The `cloudfront-invalidate` command: `create` is the default subcommand, so `cloudfront-invalidate -d ID /path`
/// creates an invalidation.
public struct CloudFrontInvalidate: AsyncParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "cloudfront-invalidate",
        abstract: "Invalidate Amazon CloudFront caches from a CI pipeline.",
        discussion: """
            Exit codes: 0 success, 1 rejected by CloudFront, 64 usage or configuration error (nothing sent),
            69 CloudFront or the network unavailable after retries, 77 credentials or access denied.
            """,
        version: version,
        subcommands: [CreateCommand.self, StatusCommand.self, ListCommand.self, ValidateCommand.self],
        defaultSubcommand: CreateCommand.self
    )

    public init() {}
}
