/// The outcome of normalising one input that was accepted: the item to send and what was changed on the way.
public struct NormalizedPath: Sendable, Equatable {
    /// The checked, encoded item.
    public var path: InvalidationPath
    /// Whole-sentence notes for the log about adjustments made (leading `/` added, characters percent-encoded).
    public var notices: [String]

    public init(path: InvalidationPath, notices: [String] = []) {
        self.path = path
        self.notices = notices
    }
}
