import ArgumentParser
import ExitCodes
import InvalidationRuns

/// `cloudfront-invalidate status -d ID --id INV`: print one invalidation's status.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Print one invalidation's status.")

    @OptionGroup var targets: TargetOptions

    @Option(name: .customLong("id"), help: ArgumentHelp("The invalidation ID.", valueName: "id"))
    var invalidationID: String

    @OptionGroup var credentials: CredentialOptions
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let world = LiveWorld()
        let reporter = world.reporter(output: output)
        let (session, target) = try await targets.openSingleTarget(
            world: world, credentials: credentials, connection: connection, json: output.json, reporter: reporter)
        let status = await Inspection(world: world, reporter: reporter).status(
            of: invalidationID, target: target, session: session)
        if status != .success { throw status.exitCode }
    }
}
