/// Why a change list could not be read or planned: a whole sentence, and the kind of fix it needs.
///
/// Every case is a usage or input problem the user can fix (exit 64); nothing was sent. The module never names
/// command-line flags: where a problem is about a setting rather than a file, or its fix names settings, it says
/// which (``Input``, ``Fix``) and the caller words it with its own names (flags or pipeline-file keys).
public struct ChangeListError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What the problem is about.
    public enum Input: Sendable, Equatable {
        /// A file or folder as the user named it (`deploy.log`, `public`).
        case file(String)
        /// The git commit range (and the site directory git runs in).
        case gitRange
        /// The most paths one run may send.
        case maxPaths
    }

    /// A fix that names the user's settings, so the caller spells it out.
    public enum Fix: Sendable, Equatable {
        /// Give two commits as `A..B` (with the CI variables that hold them).
        case giveCommitRange
        /// Check the commit range and the site directory; fetch enough history in a shallow checkout.
        case checkRangeAndHistory
        /// Name the folder the build writes the site to.
        case nameSiteFolder
        /// Pass the sync command's standard output unchanged.
        case passSyncOutput
    }

    /// What the problem is about.
    public var input: Input
    /// The whole-sentence explanation, without the fix that ``fix`` names.
    public var message: String
    /// The fix the caller adds in its own words, when there is one.
    public var fix: Fix?

    public init(_ input: Input, message: String, fix: Fix? = nil) {
        self.input = input
        self.message = message
        self.fix = fix
    }

    /// A problem with the file or folder `input`.
    public init(input: String, message: String, fix: Fix? = nil) {
        self.init(.file(input), message: message, fix: fix)
    }

    public var description: String { message }
}
