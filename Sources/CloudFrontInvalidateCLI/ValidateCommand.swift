import ArgumentParser
import ExitCodes

/// `cloudfront-invalidate validate`: check the inputs and print the plan; no network, no credentials.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check flags, environment and the pipeline file and print the plan; send nothing.")

    @OptionGroup var options: CreateOptions

    func run() async throws {
        let world = LiveWorld()
        let reporter = world.reporter(output: options.output)
        throw await options.run(world: world, reporter: reporter, planOnly: true).exitCode
    }
}
