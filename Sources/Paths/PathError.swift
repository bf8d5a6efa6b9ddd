/// Why one input cannot be sent as an invalidation path, and how to fix it (exit 64; nothing is sent).
public struct PathError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input as given, trimmed, with control characters shown as `\u{…}` so the text is safe to print in a log.
    public var input: String
    /// What is wrong, as a whole sentence.
    public var problem: String
    /// What to do about it, as a whole sentence.
    public var fix: String

    public init(input: String, problem: String, fix: String) {
        self.input = input
        self.problem = problem
        self.fix = fix
    }

    /// The problem followed by the fix.
    public var message: String { "\(problem) \(fix)" }

    public var description: String { "path '\(input)': \(message)" }
}
