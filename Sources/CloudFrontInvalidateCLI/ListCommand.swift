import ArgumentParser
import ExitCodes
import InvalidationRuns

/// `cloudfront-invalidate list -d ID [--limit N]`: recent invalidations, newest first.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List recent invalidations, newest first.")

    @OptionGroup var targets: TargetOptions

    @Option(name: .customLong("limit"), help: ArgumentHelp("How many to show (1–1000).", valueName: "n"))
    var limit: Int = 10

    @OptionGroup var credentials: CredentialOptions
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (1...1000).contains(limit) else {
            throw ValidationError("--limit must be between 1 and 1000, not \(limit).")
        }
    }

    func run() async throws {
        let world = LiveWorld()
        let reporter = world.reporter(output: output)
        let (session, target) = try await targets.openSingleTarget(
            world: world, credentials: credentials, connection: connection, json: output.json, reporter: reporter)
        let status = await Inspection(world: world, reporter: reporter).list(
            limit: limit, target: target, session: session)
        if status != .success { throw status.exitCode }
    }
}
