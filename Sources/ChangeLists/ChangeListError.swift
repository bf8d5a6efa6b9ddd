/// Why a change list could not be read or planned: a whole sentence naming the input and the fix.
///
/// Every case is a usage or input problem the user can fix (the CLI maps it to exit 64); nothing was sent.
public struct ChangeListError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The flag or file the problem is about, e.g. `--from-git` or `deploy.log`.
    public var input: String
    /// The whole-sentence explanation, with the fix.
    public var message: String

    public init(input: String, message: String) {
        self.input = input
        self.message = message
    }

    public var description: String { message }
}
