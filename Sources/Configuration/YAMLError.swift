/// Why a YAML document could not be read, and where.
public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the problem is; nil when it concerns the whole document (its size).
    public var mark: YAMLMark?
    /// A whole sentence naming the problem and the fix.
    public var message: String

    public init(mark: YAMLMark?, message: String) {
        self.mark = mark
        self.message = message
    }

    public var description: String {
        mark.map { "\($0.line):\($0.column): \(message)" } ?? message
    }
}
