import ArgumentParser
import CloudFront
import ExitCodes
import InvalidationRuns
import Reporting

extension TargetOptions {
    /// The session of `status`, `list`, `wait` and `check`: the targets named here resolved in `world`; a failure is
    /// reported and thrown as the command's exit code.
    func openSession(
        world: LiveWorld, credentials: CredentialOptions, connection: ConnectionOptions, json: Bool,
        reporter: any Reporter
    ) async throws -> TargetSession {
        var tags: [String: String] = [:]
        var tagsProblem: String?
        do {
            tags = try parsedTags()
        } catch {
            tagsProblem = TargetSession.usageMessage(error)
        }
        let request = TargetSession.Request(
            distributionNames: distributionIDs, tenantIDs: tenantIDs, tags: tags, tagsProblem: tagsProblem,
            endpointURL: connection.endpointURL, json: json, credentials: credentials.settings)
        do {
            return try await TargetSession.make(request, world: world, reporter: reporter)
        } catch {
            throw error.report(to: reporter).exitCode
        }
    }

    /// `openSession` narrowed to exactly one target, for `status`, `list` and `wait`.
    func openSingleTarget(
        world: LiveWorld, credentials: CredentialOptions, connection: ConnectionOptions, json: Bool,
        reporter: any Reporter
    ) async throws -> (session: TargetSession, target: InvalidationTarget) {
        let session = try await openSession(
            world: world, credentials: credentials, connection: connection, json: json, reporter: reporter)
        do {
            return (session, try session.single())
        } catch {
            throw error.report(to: reporter).exitCode
        }
    }
}
