/// Why ``ShellExpansionGuard`` refused a list of paths, with the message to show (exit 64; nothing is sent).
public struct GuardRefusal: Sendable, Equatable, CustomStringConvertible {
    /// Which unquoted wildcard the paths look like.
    public enum Reason: Sendable, Equatable {
        /// `/*` expanded against the root directory: `/bin /boot /dev …`.
        case rootExpansion
        /// `*` expanded in the working directory: `assets css index.html …`.
        case workingDirectoryExpansion
    }

    public var reason: Reason
    /// The given paths that name directory entries, sorted.
    public var matchedPaths: [String]
    /// Whole sentences: what was detected, that nothing was sent, and how to quote.
    public var message: String

    public init(reason: Reason, matchedPaths: [String], message: String) {
        self.reason = reason
        self.matchedPaths = matchedPaths
        self.message = message
    }

    public var description: String { message }
}
