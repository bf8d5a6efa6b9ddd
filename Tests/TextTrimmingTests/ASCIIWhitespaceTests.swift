import Testing
import TextTrimming

@Suite("Trimming ASCII whitespace")
struct ASCIIWhitespaceTests {
    @Test(
        "Spaces, tabs, CR and LF go from both ends; inner text and other characters stay",
        arguments: [
            ("  value\t", "value"), ("\r\nvalue\r\n", "value"), ("a b", "a b"), ("", ""), (" \t\r\n ", ""),
            ("\u{00A0}value\u{00A0}", "\u{00A0}value\u{00A0}"), ("value\u{0}", "value\u{0}"),
        ])
    func trims(text: String, expected: String) {
        #expect(text.trimmingASCIIWhitespace() == expected)
        #expect(text[...].trimmingASCIIWhitespace() == expected)
    }

    @Test("A combining mark after a trimmed blank stays (scalars, not Characters)")
    func combiningMark() {
        let trimmed = " \u{0301}x ".trimmingASCIIWhitespace()
        #expect(Array(trimmed.unicodeScalars) == ["\u{0301}", "x"])
    }
}
