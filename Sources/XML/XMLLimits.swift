/// Caps applied while parsing untrusted XML, so a hostile or broken peer cannot exhaust memory or the stack.
public struct XMLLimits: Sendable, Equatable {
    /// Largest accepted document, in bytes (default 10 MiB; an AWS API answer is a few KiB to a few MiB).
    public var maxDocumentBytes: Int
    /// Deepest accepted element nesting (default 64; CloudFront documents nest about 8 deep).
    public var maxDepth: Int
    /// Most elements accepted in one document. The default, 20,000, holds every reply this tool reads except a
    /// ListDistributions page: an invalidation with CloudFront's maximum of 3,000 paths is about 3,020 elements, a
    /// ListInvalidations page of 100 items about 420, an error reply or an STS answer a few dozen. A tree node costs
    /// about 170 bytes, so the cap also bounds memory (20,000 elements ≈ 3.4 MiB) whatever the body holds.
    public var maxElements: Int

    /// The default element cap (see ``maxElements``); ListDistributions pages use ``listDistributionsPage``.
    public static let defaultMaxElements = 20_000

    public init(
        maxDocumentBytes: Int = 10 * 1024 * 1024, maxDepth: Int = 64, maxElements: Int = defaultMaxElements
    ) {
        self.maxDocumentBytes = maxDocumentBytes
        self.maxDepth = maxDepth
        self.maxElements = maxElements
    }

    /// A ListDistributions page of 100 summaries: each can carry up to 25 origins, 25 cache behaviors and 100
    /// aliases at CloudFront's default quotas (about 1,500 elements), so 200,000 (≈ 34 MiB of tree) at most.
    public static let listDistributionsPage = XMLLimits(maxElements: 200_000)
}
