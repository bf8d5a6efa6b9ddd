extension StringProtocol {
    /// The text without leading and trailing spaces, tabs, carriage returns and line feeds: what HTTP headers, XML
    /// text, CI variables and command output carry around their values.
    ///
    /// It works on Unicode scalars, not Characters: "\r\n" is one Character, and a blank followed by a combining mark
    /// is another, so a Character-wise trim would miss the first and swallow the mark with the second.
    public func trimmingASCIIWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isASCIIWhitespace }),
            let last = scalars.lastIndex(where: { !$0.isASCIIWhitespace })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}

extension Unicode.Scalar {
    /// Space, tab, carriage return or line feed.
    public var isASCIIWhitespace: Bool { self == " " || self == "\t" || self == "\r" || self == "\n" }
}
