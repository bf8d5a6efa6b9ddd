/// How many items one invalidation batch may hold so that it fits CloudFront's in-progress limits.
///
/// CloudFront allows 3,000 file paths and, independently, 15 wildcard paths in progress per distribution
/// ("Concurrent invalidation request maximum"); a larger batch could never be accepted. Tags count as files.
public struct BatchLimits: Sendable, Equatable {
    /// Most file paths (and tags) in one batch.
    public var files: Int
    /// Most wildcard paths in one batch.
    public var wildcards: Int

    public init(files: Int, wildcards: Int) {
        precondition(files > 0 && wildcards > 0, "batch limits must be positive")
        self.files = files
        self.wildcards = wildcards
    }

    /// CloudFront's documented in-progress limits: 3,000 files, 15 wildcards.
    public static let cloudFront = BatchLimits(files: 3_000, wildcards: 15)
}
