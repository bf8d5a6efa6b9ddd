import ArgumentParser
import Configuration
import ExitCodes
import InvalidationRuns

/// `cloudfront-invalidate wait -d ID --id INV [--id INV…]`: wait on existing invalidations.
struct WaitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wait", abstract: "Wait until existing invalidations are Completed.")

    @OptionGroup var targets: TargetOptions

    @Option(name: .customLong("id"), help: ArgumentHelp("An invalidation ID (repeatable).", valueName: "id"))
    var invalidationIDs: [String] = []

    @OptionGroup var limits: TimeoutOptions
    @OptionGroup var credentials: CredentialOptions
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if invalidationIDs.isEmpty { throw ValidationError("Give at least one --id INVALIDATION_ID to wait for.") }
    }

    func run() async throws {
        let world = LiveWorld()
        let reporter = world.reporter(output: output)
        var values = CommandLineValues()
        limits.apply(to: &values)
        values.distributionIDs = targets.distributionIDs
        values.tenantIDs = targets.tenantIDs
        let inputs: ResolvedInputs
        do {
            inputs = try WaitRun(world: world, reporter: reporter).limits(values)
        } catch {
            throw error.report(to: reporter).exitCode
        }
        let (session, target) = try await targets.openSingleTarget(
            world: world, credentials: credentials, connection: connection, json: output.json, reporter: reporter)
        let ids = invalidationIDs
        let status = await runCancellableOnSignal { trap in
            await WaitRun(world: world.with(signals: trap), reporter: reporter).run(
                for: ids, target: target, session: session, inputs: inputs)
        }
        throw status.exitCode
    }
}
