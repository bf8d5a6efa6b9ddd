import Testing
import XML

@Suite("XMLTree parsing")
struct XMLTreeTests {
    /// Parses a Swift string as UTF-8.
    static func parse(_ text: String, limits: XMLLimits = XMLLimits()) throws(XMLParseError) -> XMLTree {
        try XMLTree.parse(Array(text.utf8), limits: limits)
    }

    @Test("A plain document gives names, attributes, children and text")
    func plainDocument() throws {
        let tree = try Self.parse(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <List kind="paths" count='2'><Item>/a</Item><Item>/b</Item><Empty/><Other>x</Other></List>
            """)
        #expect(tree.name == "List")
        #expect(tree.namespaceURI == nil)
        #expect(tree.attributes == ["kind": "paths", "count": "2"])
        #expect(tree.children.map(\.name) == ["Item", "Item", "Empty", "Other"])
        #expect(tree.children(named: "Item").map(\.text) == ["/a", "/b"])
        #expect(tree.childText("Other") == "x")
        #expect(tree.childText("Empty") == "")
        #expect(tree.child("Missing") == nil)
        #expect(tree.childText("Missing") == nil)
    }

    @Test("Namespaces are stripped from element and attribute names, the URI is kept")
    func namespaces() throws {
        let tree = try Self.parse(
            """
            <cf:Invalidation xmlns:cf="http://cloudfront.amazonaws.com/doc/2020-05-31/" xmlns:x="urn:x" x:flag="1">\
            <cf:Id>I1</cf:Id><Status xmlns="urn:default">Completed</Status></cf:Invalidation>
            """)
        #expect(tree.name == "Invalidation")
        #expect(tree.namespaceURI == "http://cloudfront.amazonaws.com/doc/2020-05-31/")
        #expect(tree.attributes == ["flag": "1"], "xmlns declarations are not attributes")
        #expect(tree.childText("Id") == "I1")
        #expect(tree.child("Status")?.namespaceURI == "urn:default")
        #expect(tree.childText("Status") == "Completed")
    }

    @Test("A default namespace on the root applies to every child")
    func defaultNamespace() throws {
        let tree = try Self.parse(#"<A xmlns="urn:a"><B><C>text</C></B></A>"#)
        #expect(tree.descendant("B", "C")?.text == "text")
        #expect(tree.descendant("B", "C")?.namespaceURI == "urn:a")
        #expect(tree.descendant("B", "Missing") == nil)
    }

    @Test("Predefined entities, character references and CDATA are resolved in text")
    func entitiesInText() throws {
        let tree = try Self.parse(
            #"<P a="x &amp; &quot;y&quot;">/a&amp;b &lt;c&gt; &#233;&#x2603; <![CDATA[<raw & kept>]]> caf\#u{E9}</P>"#)
        #expect(tree.text == "/a&b <c> é☃ <raw & kept> café")
        #expect(tree.attributes["a"] == #"x & "y""#)
    }

    @Test("Mixed content concatenates the element's own text, not its children's")
    func mixedContent() throws {
        let tree = try Self.parse("<a>one<b>inner</b>two</a>")
        #expect(tree.text == "onetwo")
        #expect(tree.childText("b") == "inner")
    }

    @Test("A billion-laughs document is refused quickly, before any expansion")
    func billionLaughs() throws {
        var document = #"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">"#
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            document += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">"
        }
        document += "]><lolz>&lol9;</lolz>"
        // Refused at the first declaration, before any expansion: the kind proves it (no wall-time bound).
        let error = #expect(throws: XMLParseError.self) { try Self.parse(document) }
        #expect(error?.kind == .entityDeclaration)
        #expect(error?.message.contains("entity declarations are not allowed") == true)
        #expect(error?.line == 1)
    }

    @Test(
        "External entities and DOCTYPEs are refused",
        arguments: [
            #"<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><r>&xxe;</r>"#,
            #"<!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:1/evil.dtd"> %p;]><r/>"#,
            #"<!DOCTYPE r SYSTEM "http://127.0.0.1:1/evil.dtd"><r/>"#,
            "<!DOCTYPE r><r/>",
        ])
    func externalEntities(document: String) throws {
        let error = #expect(throws: XMLParseError.self) { try Self.parse(document) }
        #expect(error?.kind == .entityDeclaration)
    }

    @Test("An undeclared entity is a syntax error, not a lookup")
    func undeclaredEntity() throws {
        let error = #expect(throws: XMLParseError.self) { try Self.parse("<r>&nbsp;</r>") }
        #expect(error?.kind == .malformed)
        #expect(error?.message.contains("undefined entity") == true)
    }

    @Test("A document over the size cap is refused before parsing")
    func oversize() throws {
        let document = "<r>" + String(repeating: "x", count: 2_000) + "</r>"
        let error = #expect(throws: XMLParseError.self) {
            try Self.parse(document, limits: XMLLimits(maxDocumentBytes: 1_024))
        }
        #expect(error?.kind == .documentTooLarge)
        #expect(error?.message.contains("1024") == true)
        // The same document passes under the default cap.
        #expect(try Self.parse(document).text.count == 2_000)
    }

    @Test("The default size cap is 10 MiB")
    func defaultCap() {
        #expect(XMLLimits().maxDocumentBytes == 10 * 1024 * 1024)
        #expect(XMLLimits().maxDepth == 64)
    }

    @Test("A depth bomb is refused at the depth limit")
    func depthBomb() throws {
        let depth = 100_000
        let document = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        let error = #expect(throws: XMLParseError.self) { try Self.parse(document) }
        #expect(error?.kind == .tooDeep)
        #expect(error?.column == 64 * 3 + 1, "stopped at the 65th start tag")
    }

    @Test("Nesting up to the limit is accepted", arguments: [1, 2, 64])
    func depthAtLimit(depth: Int) throws {
        let document = String(repeating: "<a>", count: depth) + "x" + String(repeating: "</a>", count: depth)
        var tree = try Self.parse(document)
        for _ in 1..<depth { tree = try #require(tree.child("a")) }
        #expect(tree.text == "x")
    }

    @Test("Too many elements are refused")
    func elementCount() throws {
        let document = "<r>" + String(repeating: "<i/>", count: 50) + "</r>"
        let error = #expect(throws: XMLParseError.self) {
            try Self.parse(document, limits: XMLLimits(maxElements: 20))
        }
        #expect(error?.kind == .tooManyElements)
        #expect(try Self.parse(document, limits: XMLLimits(maxElements: 51)).children.count == 50)
    }

    /// Issue 13 item 15: 600,000 elements under the 4 MiB body cap peaked at 103 MiB; the default cap stops at 20,000.
    @Test("The default element cap refuses a 600,000-element reply, and a ListDistributions page may hold more")
    func defaultElementCap() throws {
        let hostile = "<r>" + String(repeating: "<i/>", count: 600_000) + "</r>"
        let error = #expect(throws: XMLParseError.self) { try Self.parse(hostile) }
        #expect(error?.kind == .tooManyElements)
        #expect(XMLLimits().maxElements == 20_000)
        let page = "<r>" + String(repeating: "<i/>", count: 50_000) + "</r>"
        #expect(try Self.parse(page, limits: .listDistributionsPage).children.count == 50_000)
    }

    @Test("Malformed XML reports expat's line, column and message")
    func malformed() throws {
        let error = #expect(throws: XMLParseError.self) { try Self.parse("<a>\n  <b></a>") }
        #expect(error?.kind == .malformed)
        #expect(error?.line == 2)
        #expect(error?.column == 8)
        #expect(error?.message == "mismatched tag")
        #expect(error?.description == "XML error at line 2, column 8: mismatched tag")
    }

    @Test(
        "Non-XML input (an HTML error page, empty body) is refused",
        arguments: ["", "<html><body>502 Bad Gateway", "Service Unavailable"])
    func notXML(text: String) throws {
        let error = #expect(throws: XMLParseError.self) { try Self.parse(text) }
        #expect(error?.kind == .malformed)
    }
}
