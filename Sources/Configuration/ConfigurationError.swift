/// Every problem found in flags, environment and files, reported together (exit 64, nothing sent).
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One problem: where it is and what to do about it.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// `--flag`, `ENV_VAR`, or `file:line:column`.
        public var location: String
        public var message: String
        /// The file, line and column, when the problem is in a pipeline file.
        public var position: FilePosition?

        public init(location: String, message: String, position: FilePosition? = nil) {
            self.location = location
            self.message = message
            self.position = position
        }

        public var description: String { "\(location): \(message)" }
    }

    public var problems: [Problem]

    public init(_ problems: [Problem]) {
        self.problems = problems
    }

    public init(location: String, message: String) {
        self.problems = [Problem(location: location, message: message)]
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
