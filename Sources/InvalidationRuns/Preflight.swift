import CloudFront
import ExitCodes
import Reporting

/// `check`: a preflight that creates nothing.
///
/// For each target it reads the invalidation list (the distribution exists and is readable) and sends an empty
/// InvalidationBatch as a permission probe: CloudFront validates an allowed caller's request and refuses the empty
/// batch with `InvalidArgument`, while a caller without `cloudfront:CreateInvalidation` gets `AccessDenied` first.
/// Either way nothing is created.
public enum Preflight {
    /// Resolves the credentials, then checks every target of `session`; the worst target's outcome.
    public static func run(_ session: TargetSession, reporter: any Reporter) async -> ExitStatus {
        do {
            let resolved = try await session.credentials.resolve()
            reporter.report(.notice("credentials: from \(resolved.source)"))
        } catch {
            reporter.report(.failed(target: nil, message: error.description))
            return .credentials
        }
        var status = ExitStatus.success
        for target in session.targets {
            let (outcome, line) = await check(target, client: session.client)
            status = status.worsened(by: outcome)
            if outcome == .success {
                reporter.report(.notice("\(target): \(line)"))
            } else {
                reporter.report(.failed(target: target, message: line))
            }
        }
        return status
    }

    /// Checks one target; returns its outcome and a one-line verdict.
    static func check(_ target: InvalidationTarget, client: CloudFrontClient) async -> (ExitStatus, String) {
        do {
            _ = try await client.listInvalidations(target: target, maxItems: 1)
        } catch {
            if case .service(let service, _) = error,
                service.code == "NoSuchDistribution" || service.code == "EntityNotFound"
            {
                return (.usage, "\(target) does not exist for these credentials; check the ID.")
            }
            return (ExitStatus.of(error), "cannot read its invalidations: " + error.explanation)
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
                return (.credentials, "these credentials may not create invalidations here: " + error.explanation)
            }
            return (exit, error.explanation)
        }
    }
}
