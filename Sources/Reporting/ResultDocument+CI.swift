import CloudFront
import ExitCodes

extension ResultDocument {
    /// The IDs of the invalidations created, in order (none in a dry run).
    public var invalidationIDs: [String] { invalidations.compactMap(\.id) }

    /// One word for the whole run, for CI outputs (`status`, `CLOUDFRONT_INVALIDATION_STATUS`):
    /// `Completed` (every invalidation completed), `InProgress` (created, not waited on or the wait timed out),
    /// `Failed` (the exit code reports an error other than a timeout), `Interrupted` (SIGINT/SIGTERM), `DryRun`, or
    /// `NothingToInvalidate` (a successful run that created nothing, such as an empty change list).
    public var overallStatus: String {
        let status = ExitStatus(code: exitCode)
        if dryRun { return status == .success ? "DryRun" : "Failed" }
        if status?.isInterruption == true { return "Interrupted" }
        if status != .success && status != .timedOut { return "Failed" }
        let statuses = invalidations.compactMap(\.status)
        if statuses.isEmpty { return status == .success ? "NothingToInvalidate" : "InProgress" }
        return statuses.allSatisfy { InvalidationStatus($0).isCompleted } ? "Completed" : "InProgress"
    }
}

extension ResultDocument.Entry {
    /// The invalidation's page in the CloudFront console, for a distribution target with an ID.
    ///
    /// CloudFront is a global service whose console lives in us-east-1; the v4 console addresses an invalidation as
    /// `#/distributions/DIST/invalidations/details/ID`. Tenants have no such page we can name, so they get none.
    public var consoleURL: String? {
        guard case .distribution(let distribution) = target, let id,
            Self.isPlainID(distribution), Self.isPlainID(id)
        else { return nil }
        return "https://us-east-1.console.aws.amazon.com/cloudfront/v4/home#/distributions/\(distribution)"
            + "/invalidations/details/\(id)"
    }

    /// CloudFront IDs are ASCII letters and digits; anything else would not be a console page, and could break a link.
    static func isPlainID(_ text: String) -> Bool {
        !text.isEmpty
            && text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
    }
}
