/// Runs one git command and returns its standard output; behind a protocol so tests can feed recorded output.
public protocol GitRunner: Sendable {
    /// Runs `git <arguments>` in `directory`; throws a ``ChangeListError`` quoting git's message when it fails.
    func run(_ arguments: [String], in directory: String) throws -> [UInt8]
}
