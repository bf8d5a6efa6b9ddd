import Hashing

/// Builds the CallerReference that makes a create idempotent.
///
/// CloudFront returns the existing invalidation when the same reference arrives with the same paths, so a retry
/// after a lost response never creates a second one. In CI the reference is the run's identity plus a hash of the
/// target and batch: re-running the same job step is idempotent, a new run (or re-run attempt) invalidates again.
/// Outside CI there is no run identity, so a random nonce is used and only in-process retries are idempotent.
public enum CallerReference {
    /// CloudFront accepts up to 128 characters (API reference, InvalidationBatch.CallerReference); counted here in
    /// Unicode scalars.
    public static let maximumLength = 128

    /// Why an explicit reference (`--caller-reference`, `CLOUDFRONT_CALLER_REFERENCE`, `caller_reference:`) cannot be
    /// sent as given, or nil when it can. It is refused rather than shortened or cleaned: a reference that changed on
    /// the way would no longer be the idempotency token the user chose.
    public static func problem(with reference: String) -> String? {
        let scalars = reference.unicodeScalars
        if let bad = scalars.first(where: {
            $0.value < 0x20 || $0.value == 0x7F || $0.value == 0xFFFE || $0.value == 0xFFFF
        }) {
            let hex = String(bad.value, radix: 16, uppercase: true)
            let name = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            return "the caller reference contains \(name), a control character or noncharacter that CloudFront's XML "
                + "request cannot carry; use letters, digits and punctuation only."
        }
        guard scalars.count <= maximumLength else {
            return "the caller reference is \(scalars.count) characters long; CloudFront accepts at most "
                + "\(maximumLength). Use a shorter reference (for example the CI run ID)."
        }
        return nil
    }

    /// Why `reference` cannot name `batchCount` batches (each gets the suffix `-N`, which must fit the limit too),
    /// or nil when it can.
    public static func problem(with reference: String, batchCount: Int) -> String? {
        guard batchCount > 1 else { return nil }
        let suffixLength = "-\(batchCount)".unicodeScalars.count
        let room = maximumLength - suffixLength
        guard reference.unicodeScalars.count > room else { return nil }
        return "the caller reference is \(reference.unicodeScalars.count) characters long, and the \(batchCount) "
            + "batches of this target add the suffix '-1' … '-\(batchCount)'; CloudFront accepts at most "
            + "\(maximumLength) characters, so shorten the reference to \(room) characters."
    }

    /// The reference for one batch. `explicit` (from `--caller-reference`) is suffixed with the batch number
    /// when a target needs several batches, because one reference cannot name two different batches; it is sent
    /// unchanged otherwise (``problem(with:batchCount:)`` refuses one that would not fit).
    public static func make(
        explicit: String?, target: String, paths: [String], batchIndex: Int, batchCount: Int,
        environment: [String: String], nonce: () -> String
    ) -> String {
        let batchSuffix = batchCount > 1 ? "-\(batchIndex + 1)" : ""
        if let explicit, !explicit.isEmpty {
            return explicit + batchSuffix
        }
        let digest = SHA256.hash(Array(([target] + paths).joined(separator: "\n").utf8)).hexString.prefix(16)
        let run =
            CIProvider.detect(in: environment).flatMap { $0.runToken(in: environment) } ?? "local-\(nonce())"
        let reference = "cfi-\(run)-\(digest)"
        return String(reference.prefix(maximumLength))
    }
}
