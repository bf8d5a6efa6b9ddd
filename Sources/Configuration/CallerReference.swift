import Hashing

/// Builds the CallerReference that makes a create idempotent.
///
/// CloudFront returns the existing invalidation when the same reference arrives with the same paths, so a retry
/// after a lost response never creates a second one. In CI the reference is the run's identity plus a hash of the
/// target and batch: re-running the same job step is idempotent, a new run (or re-run attempt) invalidates again.
/// Outside CI there is no run identity, so a random nonce is used and only in-process retries are idempotent.
public enum CallerReference {
    /// CloudFront accepts up to 128 characters (API reference, InvalidationBatch.CallerReference).
    public static let maximumLength = 128

    /// The reference for one batch. `explicit` (from `--caller-reference`) is suffixed with the batch number
    /// when a target needs several batches, because one reference cannot name two different batches.
    public static func make(
        explicit: String?, target: String, paths: [String], batchIndex: Int, batchCount: Int,
        environment: [String: String], nonce: () -> String
    ) -> String {
        let batchSuffix = batchCount > 1 ? "-\(batchIndex + 1)" : ""
        if let explicit, !explicit.isEmpty {
            return String(explicit.prefix(maximumLength - batchSuffix.count)) + batchSuffix
        }
        let digest = SHA256.hash(Array(([target] + paths).joined(separator: "\n").utf8)).hexString.prefix(16)
        let run =
            CIProvider.detect(in: environment).flatMap { $0.runToken(in: environment) } ?? "local-\(nonce())"
        let reference = "cfi-\(run)-\(digest)"
        return String(reference.prefix(maximumLength))
    }
}
