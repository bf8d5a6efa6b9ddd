import Testing
import XML

@Suite("XMLWriter escaping")
struct XMLWriterTests {
    @Test("Builds a document with the declaration, a newline, then elements")
    func document() {
        var writer = XMLWriter()
        writer.element("Batch", attributes: [("xmlns", "urn:x")]) { batch in
            batch.element("Quantity", "1")
            batch.element("Items") { $0.element("Path", "/a") }
        }
        #expect(
            writer.text
                == #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
                + #"<Batch xmlns="urn:x"><Quantity>1</Quantity><Items><Path>/a</Path></Items></Batch>"#)
        #expect(writer.bytes == Array(writer.text.utf8))
        #expect(XMLWriter(declaration: false).text.isEmpty)
    }

    @Test("The five special characters are escaped in text and attributes")
    func specialCharacters() {
        #expect(XMLWriter.escapeText(#"a&b<c>d"e'f"#) == "a&amp;b&lt;c&gt;d&quot;e&apos;f")
        #expect(XMLWriter.escapeAttribute(#"a&b<c>d"e'f"#) == "a&amp;b&lt;c&gt;d&quot;e&apos;f")
        #expect(XMLWriter.escapeText("&amp;") == "&amp;amp;", "already-escaped text is escaped again")
    }

    @Test("Forbidden control characters are stripped; tab, LF and CR are kept")
    func controlCharacters() {
        #expect(XMLWriter.escapeText("a\u{0}b\u{1}c\u{8}d\u{B}e\u{C}f\u{1F}g\u{FFFE}h\u{FFFF}i") == "abcdefghi")
        #expect(XMLWriter.escapeText("a\tb\nc\rd") == "a\tb\nc&#13;d")
        #expect(XMLWriter.escapeAttribute("a\tb\nc\rd") == "a&#9;b&#10;c&#13;d")
        #expect(XMLWriter.isAllowed("\u{7F}"), "DEL is allowed in XML 1.0")
        #expect(!XMLWriter.isAllowed("\u{1B}"))
        #expect(XMLWriter.isAllowed("\u{10FFFF}"))
    }

    @Test(
        "Escaped text and attributes round-trip through the parser",
        arguments: [
            "/a&b<c>.html", #"quote " and apostrophe ' "#, "]]> not a CDATA end", "tab\tline\nreturn\r\nend",
            "caf\u{E9} \u{1F600} \u{2603}", "&amp; &lt; literally", "  leading and trailing spaces  ", "",
        ])
    func roundTrip(value: String) throws {
        var writer = XMLWriter()
        writer.element("R", attributes: [("v", value)]) { $0.element("T", value) }
        let tree = try XMLTree.parse(writer.bytes)
        #expect(tree.childText("T") == value)
        #expect(tree.attributes["v"] == value)
    }

    @Test("Stripped characters do not reach the parser, so the document stays well-formed")
    func strippedRoundTrip() throws {
        var writer = XMLWriter(declaration: false)
        writer.start("R")
        writer.characters("a\u{1}b\u{0}c")
        writer.end()
        #expect(try XMLTree.parse(writer.bytes).text == "abc")
    }
}
