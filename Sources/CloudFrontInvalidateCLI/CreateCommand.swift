import ArgumentParser
import ExitCodes

/// `cloudfront-invalidate [create] [PATH…]`: plan, validate and create the invalidations.
struct CreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create invalidations (the default command).",
        discussion: """
            Quote wildcards so the shell does not expand them: cloudfront-invalidate -d E123 '/index.html' '/assets/*'
            """)

    @OptionGroup var options: CreateOptions

    func run() async throws {
        let world = LiveWorld()
        let reporter = world.reporter(output: options.output)
        let status = await runCancellableOnSignal { trap in
            await options.run(world: world.with(signals: trap), reporter: reporter, planOnly: false)
        }
        throw status.exitCode
    }
}
