import Testing

@testable import Paths

/// Issue 13 items 7 and 9: path rules read Unicode scalars, never grapheme clusters, and a character XML cannot
/// carry is refused instead of being dropped on the way into the request.
@Suite("Hostile paths")
struct HostilePathTests {
    func failure(_ raw: String, encode: Bool = true) -> PathError? {
        if case .failure(let error) = PathRules.normalize(raw, encode: encode) { return error }
        return nil
    }

    @Test(
        "A '*' followed by a combining mark, joiner or variation selector is still a '*' before the end",
        arguments: ["/a*\u{0301}/b", "/a*\u{200D}b", "/a*\u{FE0F}/b", "a*\u{0301}", "/a*\u{0301}"])
    func wildcardBeforeCombiningMark(raw: String) throws {
        let error = try #require(failure(raw), "'\(raw)' must be refused")
        #expect(error.problem.contains("accepts '*' only as the last character"))
    }

    @Test("The wildcard position counts scalars")
    func wildcardPositionInScalars() throws {
        let error = try #require(failure("/e\u{0301}*x"))
        #expect(error.problem.contains("at character 4 of 5"))
    }

    @Test("A path starting with '/' and a combining mark gets no second '/'")
    func leadingSlashOnScalars() throws {
        let normalized = try PathRules.normalize("/\u{0301}x", encode: false).get()
        #expect(normalized.path.value == "/\u{0301}x")
        #expect(normalized.notices.isEmpty)
    }

    @Test("A control character is found even when a combining mark follows it")
    func controlBeforeCombiningMark() throws {
        let error = try #require(failure("/a\u{1B}\u{0301}b"))
        #expect(error.problem.contains("U+001B at character 3"))
    }

    @Test("A trailing '*' after a mark-carrying letter is a wildcard")
    func wildcardKindOnBytes() throws {
        let normalized = try PathRules.normalize("/e\u{0301}*", encode: false).get()
        #expect(normalized.path.kind == .wildcard)
        #expect(InvalidationPath(normalized: "/a*").kind == .wildcard)
        #expect(InvalidationPath(normalized: "#\u{0301}").kind == .tag)
    }

    @Test("--no-encode refuses the noncharacters XML cannot carry", arguments: ["/a\u{FFFE}b", "/a\u{FFFF}"])
    func xmlForbiddenRefusedVerbatim(raw: String) throws {
        let error = try #require(failure(raw, encode: false))
        #expect(error.problem.contains("XML"))
        #expect(error.fix.contains("--no-encode"))
    }

    @Test("Encoded, the same noncharacters are sent percent-encoded, never dropped")
    func xmlForbiddenEncoded() throws {
        #expect(try PathRules.normalize("/a\u{FFFE}b").get().path.value == "/a%EF%BF%BEb")
    }

    @Test("Trimming works on scalars: a space followed by a combining mark keeps the mark")
    func trimmingOnScalars() throws {
        let normalized = try PathRules.normalize("/a \u{0301}", encode: false).get()
        #expect(normalized.path.value == "/a \u{0301}")
    }
}
