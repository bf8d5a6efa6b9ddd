import ArgumentParser
import ExitCodes
import InvalidationRuns

/// `cloudfront-invalidate check [-d ID…]`: a preflight that creates nothing (see `Preflight`).
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Preflight: credentials, distributions and permission to invalidate; creates nothing.")

    @OptionGroup var targets: TargetOptions
    @OptionGroup var credentials: CredentialOptions
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let world = LiveWorld()
        let reporter = world.reporter(output: output)
        let session = try await targets.openSession(
            world: world, credentials: credentials, connection: connection, json: false, reporter: reporter)
        throw await Preflight.run(session, reporter: reporter).exitCode
    }
}
