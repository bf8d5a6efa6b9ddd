import ArgumentParser
import CloudFront
import Configuration
import Credentials
import ExitCodes
import Reporting

/// `cloudfront-invalidate check [-d ID…]`: a preflight that creates nothing.
///
/// For each target it reads the invalidation list (the distribution exists and is readable) and sends an empty
/// InvalidationBatch as a permission probe: CloudFront validates an allowed caller's request and refuses the empty
/// batch with `InvalidArgument`, while a caller without `cloudfront:CreateInvalidation` gets `AccessDenied` first.
/// Either way nothing is created.
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
        let session: TargetSession
        do {
            session = try await TargetSession.make(
                world: world, targets: targets, credentials: credentials, connection: connection, json: false,
                reporter: reporter)
        } catch {
            throw ExitCode(InspectSession.fail(error, reporter: reporter).rawValue)
        }
        do {
            let resolved = try await session.credentials.resolve()
            reporter.report(.notice("credentials: from \(resolved.source)"))
        } catch {
            reporter.report(.failed(target: nil, message: error.description))
            throw ExitCode(ExitStatus.credentials.rawValue)
        }
        var status = ExitStatus.success
        for target in session.targets {
            let (outcome, line) = await Self.check(target, client: session.client)
            status = status.worsened(by: outcome)
            if outcome == .success {
                reporter.report(.notice("\(target): \(line)"))
            } else {
                reporter.report(.failed(target: target, message: line))
            }
        }
        throw ExitCode(status.rawValue)
    }

    /// Checks one target; returns its status and a one-line verdict.
    static func check(_ target: InvalidationTarget, client: CloudFrontClient) async -> (ExitStatus, String) {
        do {
            _ = try await client.listInvalidations(target: target, maxItems: 1)
        } catch {
            if case .service(let service, _) = error,
                service.code == "NoSuchDistribution" || service.code == "EntityNotFound"
            {
                return (.usage, "\(target) does not exist for these credentials; check the ID.")
            }
            return (ExitStatus.of(error), "cannot read its invalidations: " + CreateRunner.explain(error))
        }
        do {
            _ = try await client.createInvalidation(
                target: target, paths: [], callerReference: "cloudfront-invalidate-check")
            return (.success, "reachable; the empty probe batch was accepted (unexpected, but nothing to invalidate).")
        } catch {
            let exit = ExitStatus.of(error)
            if exit == .rejected {
                return (.success, "reachable, and these credentials may create invalidations.")
            }
            if exit == .credentials {
                return (
                    .credentials,
                    "these credentials may not create invalidations here: " + CreateRunner.explain(error)
                )
            }
            return (exit, CreateRunner.explain(error))
        }
    }
}
