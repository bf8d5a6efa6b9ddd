extension String {
    /// The string without leading and trailing whitespace and newlines (`\r` from CRLF files included).
    func trimmingSurroundingWhitespace() -> String {
        // Unicode scalars, not graphemes: a space followed by a combining mark must not swallow the mark.
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
