/// Caps applied while parsing untrusted XML, so a hostile or broken peer cannot exhaust memory or the stack.
public struct XMLLimits: Sendable, Equatable {
    /// Largest accepted document, in bytes (default 10 MiB; an AWS API answer is a few KiB to a few MiB).
    public var maxDocumentBytes: Int
    /// Deepest accepted element nesting (default 64; CloudFront documents nest about 8 deep).
    public var maxDepth: Int
    /// Most elements accepted in one document (default 500,000: a full ListDistributions page fits many times over).
    public var maxElements: Int

    public init(maxDocumentBytes: Int = 10 * 1024 * 1024, maxDepth: Int = 64, maxElements: Int = 500_000) {
        self.maxDocumentBytes = maxDocumentBytes
        self.maxDepth = maxDepth
        self.maxElements = maxElements
    }
}
