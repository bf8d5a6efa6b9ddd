import Testing

@testable import Paths

/// CloudFront's per-item rules: encoding exactly once, tags, the leading slash, and every rejection.
@Suite("PathRules")
struct PathRulesTests {
    /// Normalises `raw` and returns the value to send, failing the test on a rejection.
    func accepted(_ raw: String, encode: Bool = true) throws -> NormalizedPath {
        switch PathRules.normalize(raw, encode: encode) {
        case .success(let normalized): return normalized
        case .failure(let error): throw error
        }
    }

    /// Normalises `raw` and returns the rejection, failing the test when it is accepted.
    func rejected(_ raw: String, encode: Bool = true) throws -> PathError {
        switch PathRules.normalize(raw, encode: encode) {
        case .success(let normalized):
            Issue.record("expected '\(raw)' to be rejected, got '\(normalized.path.value)'")
            throw CancellationError()
        case .failure(let error): return error
        }
    }

    static let encodingTable: [(String, String)] = [
        ("/a b.html", "/a%20b.html"),
        ("/café", "/caf%C3%A9"),
        ("/日本/index.html", "/%E6%97%A5%E6%9C%AC/index.html"),
        ("/a%20b", "/a%20b"),
        ("/a%2fb", "/a%2fb"),
        ("/caf%C3%A9", "/caf%C3%A9"),
        ("/%zz", "/%25zz"),
        ("/100%", "/100%25"),
        ("/a%2", "/a%252"),
        ("/images/*", "/images/*"),
        ("/é*", "/%C3%A9*"),
        ("/search?a=b c", "/search?a=b%20c"),
        ("/search?q=1&r=2?x", "/search?q=1&r=2?x"),
        ("/p?q=*", "/p?q=*"),
        ("#tag", "#tag"),
        ("#Product:Electronics", "#Product:Electronics"),
        ("/~user/index.html", "/~user/index.html"),
        ("/{a}|b\\c^[d]`e", "/%7Ba%7D%7Cb%5Cc%5E%5Bd%5D%60e"),
        ("/\"q\"<x>", "/%22q%22%3Cx%3E"),
        ("/page#section", "/page%23section"),
        ("/a+b=c&d;e:f@g!h$i'j(k)l,m", "/a+b=c&d;e:f@g!h$i'j(k)l,m"),
        ("  /padded.html \r\n", "/padded.html"),
    ]

    @Test("percent-encodes non-ASCII and RFC 1738 unsafe characters, nothing else", arguments: encodingTable)
    func encoding(raw: String, expected: String) throws {
        #expect(try accepted(raw).path.value == expected)
    }

    @Test("encoding happens exactly once: normalising a normalised path changes nothing", arguments: encodingTable)
    func encodingIsIdempotent(raw: String, expected: String) throws {
        let once = try accepted(raw).path.value
        let twice = try accepted(once)
        #expect(twice.path.value == once)
        #expect(twice.notices.isEmpty)
    }

    @Test(
        "--no-encode sends paths verbatim",
        arguments: [
            ("/a b.html", "/a b.html"), ("/café", "/café"), ("/%zz", "/%zz"), ("index.html", "/index.html"),
            ("/a{b}", "/a{b}"),
        ])
    func noEncode(raw: String, expected: String) throws {
        #expect(try accepted(raw, encode: false).path.value == expected)
    }

    @Test("a missing leading slash is added, with a notice naming the input")
    func leadingSlash() throws {
        let normalized = try accepted("images/logo.png")
        #expect(normalized.path.value == "/images/logo.png")
        #expect(normalized.notices.count == 1)
        #expect(normalized.notices.first?.contains("Added a leading '/' to 'images/logo.png'") == true)
        #expect(try accepted("*").path.value == "/*")
        #expect(try accepted("/images/logo.png").notices.isEmpty)
    }

    @Test("encoding is reported as a notice")
    func encodingNotice() throws {
        let normalized = try accepted("/a b")
        #expect(
            normalized.notices == [
                "Percent-encoded '/a b' as '/a%20b': CloudFront matches non-ASCII and unsafe characters only in "
                    + "encoded form (use --no-encode to send paths verbatim)."
            ])
    }

    @Test("cache tags keep no leading slash and are never encoded")
    func tags() throws {
        let tag = try accepted("  #product-123 ")
        #expect(tag.path.value == "#product-123")
        #expect(tag.path.kind == .tag)
        #expect(tag.notices.isEmpty)
    }

    @Test(
        "kinds are read from the value",
        arguments: [
            ("/index.html", InvalidationPath.Kind.file), ("/assets/*", .wildcard), ("/*", .wildcard), ("#t", .tag),
            ("/a?x=*", .wildcard),
        ])
    func kinds(raw: String, kind: InvalidationPath.Kind) throws {
        #expect(try accepted(raw).path.kind == kind)
    }

    static let errorTable: [(String, String)] = [
        ("/a/*/b.html", "at character 4 of 11"),
        ("*.html", "at character 1 of 6"),
        ("/a**", "at character 3 of 4"),
        ("/a\tb", "U+0009 at character 3"),
        ("/a\u{7F}", "U+007F"),
        ("/a\u{0}b", "U+0000"),
        ("", "empty"),
        ("   ", "empty"),
        ("#", "empty"),
        ("#sale*", "'*'"),
        ("#a b", "a space"),
        ("#a,b", "a comma"),
        ("#café", "U+00E9"),
        ("/" + String(repeating: "x", count: 4_000), "4,001 characters"),
        ("/" + String(repeating: " ", count: 1_400) + "x", "4,202 characters long after percent-encoding"),
        ("#" + String(repeating: "t", count: 257), "257 characters"),
    ]

    @Test("rejections name the problem", arguments: errorTable)
    func errors(raw: String, expectedFragment: String) throws {
        let error = try rejected(raw)
        #expect(error.problem.contains(expectedFragment), "\(error.problem)")
    }

    @Test("every rejection is whole sentences: a problem and a fix", arguments: errorTable)
    func errorsAreSentences(raw: String, expectedFragment: String) throws {
        let error = try rejected(raw)
        #expect(error.problem.first?.isUppercase == true)
        #expect(error.fix.first?.isUppercase == true)
        #expect(error.problem.hasSuffix("."))
        #expect(error.fix.hasSuffix("."))
        #expect(error.message == error.problem + " " + error.fix)
    }

    @Test("the wildcard fix suggests ending the path at the star")
    func wildcardFix() throws {
        #expect(try rejected("/a/*/b.html").fix.contains("'/a/*'"))
        #expect(try rejected("a/*/b").fix.contains("'/a/*'"))
    }

    @Test("control characters are escaped in the reported input, so logs stay intact")
    func printableInput() throws {
        let error = try rejected("/a\u{1B}[31m\n::error::x")
        #expect(error.input == "/a\\u{1B}[31m\\u{A}::error::x")
        #expect(!error.input.unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test("limits are inclusive: 4,000 path characters and 256 tag characters are accepted")
    func boundaries() throws {
        #expect(try accepted("/" + String(repeating: "x", count: 3_999)).path.value.count == 4_000)
        #expect(try accepted("#" + String(repeating: "t", count: 256)).path.value.count == 257)
    }

    @Test(
        "--no-encode still checks the wildcard position, control characters and length",
        arguments: [
            "/a*b", "/a\tb", "/" + String(repeating: "x", count: 4_000), "#x*",
        ])
    func noEncodeStillValidates(raw: String) throws {
        _ = try rejected(raw, encode: false)
    }

    @Test("--no-encode does not count encoding towards the length")
    func noEncodeLength() throws {
        let raw = "/" + String(repeating: " ", count: 1_400) + "x"
        #expect(try accepted(raw, encode: false).path.value.count == 1_402)
    }
}
