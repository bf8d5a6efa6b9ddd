import CloudFront
import ExitCodes
import Reporting

/// Turns the `-d` values (IDs or domains), `--distribution-tag` filters and tenant IDs into invalidation targets,
/// logging each name it resolved ("www.example.com → E1… (alternate domain name)").
public enum TargetResolver {
    /// Why resolution failed, with the outcome it means.
    public struct Failure: Error {
        public var status: ExitStatus
        public var message: String

        /// Reports the failure (a refusal for usage problems) and returns its outcome.
        public func report(to reporter: any Reporter) -> ExitStatus {
            reporter.report(status == .usage ? .refused(message: message) : .failed(target: nil, message: message))
            return status
        }
    }

    static func resolve(
        distributionNames: [String], tenantIDs: [String], tags: [String: String], client: CloudFrontClient,
        reporter: any Reporter
    ) async throws(Failure) -> (targets: [InvalidationTarget], originPaths: [String: String]) {
        let resolutions: [DistributionResolver.Resolution]
        do {
            resolutions = try await DistributionResolver(client: client).resolve(distributionNames, tags: tags)
        } catch let error as DistributionResolver.ResolutionError {
            throw Failure(status: .usage, message: error.description)
        } catch let error as CloudFrontClientError {
            throw Failure(
                status: ExitStatus.of(error),
                message: "Could not list distributions to resolve names: " + error.explanation
                    + " (resolving names needs cloudfront:ListDistributions, and tags cloudfront:ListTagsForResource)")
        } catch {
            throw Failure(status: .rejected, message: "\(error)")
        }
        var originPaths: [String: String] = [:]
        for resolution in resolutions {
            if let rule = resolution.rule {
                reporter.report(.notice("\(resolution.input) → \(resolution.distributionID) (\(rule))"))
            } else if resolution.input.hasPrefix("tag ") {
                reporter.report(.notice("\(resolution.input) → \(resolution.distributionID)"))
            }
            if let path = resolution.originPath { originPaths[resolution.distributionID] = path }
        }
        var seen = Set<String>()
        let distributions = resolutions.map(\.distributionID).filter { seen.insert($0).inserted }
        return (
            distributions.map(InvalidationTarget.distribution) + tenantIDs.map(InvalidationTarget.tenant), originPaths
        )
    }
}
