/// Why a document was not accepted: expat's own syntax errors, or one of the safety rules of `XMLTree.parse`.
public struct XMLParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The family of the failure, for callers that react differently (tests, mostly).
    public enum Kind: Sendable, Equatable {
        /// Not well-formed XML (expat's error).
        case malformed
        /// A DOCTYPE or entity declaration: refused because entities enable "billion laughs" and external reads.
        case entityDeclaration
        /// Larger than `XMLLimits.maxDocumentBytes`.
        case documentTooLarge
        /// Nested deeper than `XMLLimits.maxDepth`.
        case tooDeep
        /// More elements than `XMLLimits.maxElements`.
        case tooManyElements
    }

    public var kind: Kind
    /// 1-based line where the parser stopped (0 when the document was refused before parsing).
    public var line: Int
    /// 1-based column where the parser stopped (0 when the document was refused before parsing).
    public var column: Int
    /// What went wrong, as a phrase (expat's message for syntax errors).
    public var message: String

    public init(kind: Kind, line: Int, column: Int, message: String) {
        self.kind = kind
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        line > 0 ? "XML error at line \(line), column \(column): \(message)" : "XML error: \(message)"
    }
}
