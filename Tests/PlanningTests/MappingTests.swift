import Paths
import Testing

@testable import ChangeLists
@testable import Planning

/// Object keys to URL paths: origin path, URL prefix, index document, encoding.
@Suite("Key mapping and encoding")
struct MappingTests {
    @Test(
        "mapping",
        arguments: [
            (URLMapping(), "index.html", URLMapping.Mapped.paths(["/index.html", "/"])),
            (URLMapping(), "docs/index.html", .paths(["/docs/index.html", "/docs/"])),
            (URLMapping(), "docs/myindex.html", .paths(["/docs/myindex.html"])),
            (URLMapping(indexDocument: ""), "docs/index.html", .paths(["/docs/index.html"])),
            (URLMapping(indexDocument: "default.htm"), "a/default.htm", .paths(["/a/default.htm", "/a/"])),
            (URLMapping(originPath: "/prod/"), "prod/index.html", .paths(["/index.html", "/"])),
            (URLMapping(originPath: "prod"), "staging/index.html", .outsideOrigin),
            (URLMapping(originPath: "prod"), "production/a.css", .outsideOrigin),
            (URLMapping(urlPrefix: "blog/"), "post.html", .paths(["/blog/post.html"])),
            (
                URLMapping(originPath: "site", urlPrefix: "/en"), "site/a/index.html",
                .paths(["/en/a/index.html", "/en/a/"])
            ),
        ] as [(URLMapping, String, URLMapping.Mapped)])
    func mapping(mapping: URLMapping, key: String, expected: URLMapping.Mapped) {
        #expect(mapping.map(key) == expected)
    }

    @Test(
        "encoding keys",
        arguments: [
            ("/a b.html", KeyEncoder.Encoded.exact("/a%20b.html")),
            ("/café.html", .exact("/caf%C3%A9.html")),
            ("/50%off?.html", .exact("/50%25off%3F.html")),
            ("/a%20b", .exact("/a%2520b")),
            ("/a#b[1]", .exact("/a%23b%5B1%5D")),
            ("/\"q\" & 's'", .exact("/%22q%22%20&%20's'")),
            ("/~user/x", .exact("/~user/x")),
        ] as [(String, KeyEncoder.Encoded)])
    func encoding(path: String, expected: KeyEncoder.Encoded) {
        #expect(KeyEncoder.encode(path) == expected)
    }

    @Test("keys an invalidation path cannot name become a wildcard on the prefix before the problem")
    func forced() {
        guard case .prefix(let star, _) = KeyEncoder.encode("/dir/a*b.html") else {
            Issue.record("expected a prefix")
            return
        }
        #expect(star == "/dir/a")
        guard case .prefix(let control, _) = KeyEncoder.encode("/dir/é\tx") else {
            Issue.record("expected a prefix")
            return
        }
        #expect(control == "/dir/%C3%A9")
        let long = "/" + String(repeating: "é", count: 800)  // 4,801 characters encoded
        guard case .prefix(let trimmed, _) = KeyEncoder.encode(long) else {
            Issue.record("expected a prefix")
            return
        }
        #expect(trimmed.utf8.count <= 3_999)
        #expect(trimmed.hasSuffix("%A9"))
    }

    @Test("the fast path agrees with PercentEncoder for every ASCII byte it passes through")
    func fastPathAgrees() {
        for value in UInt8(0x20)...UInt8(0x7E) where KeyEncoder.isPassThrough(value) {
            let text = "/x" + String(UnicodeScalar(value))
            #expect(PercentEncoder.encode(text) == text, "byte \(value)")
            #expect(value != UInt8(ascii: "%") && value != UInt8(ascii: "?") && value != UInt8(ascii: "*"))
        }
        // and every byte it does not pass through is changed by the encoder or by a key rule
        for value in UInt8(0x20)...UInt8(0x7E) where !KeyEncoder.isPassThrough(value) {
            let text = "/x" + String(UnicodeScalar(value))
            #expect(KeyEncoder.encode(text) != .exact(text), "byte \(value)")
        }
    }

    @Test("encoded paths pass the Paths rules unchanged")
    func passesPathRules() throws {
        for key in ["/a b.html", "/日本語/ページ.html", "/50%off?.html", "/a#b[1]", "/x{y}|z^`"] {
            guard case .exact(let encoded) = KeyEncoder.encode(key) else {
                Issue.record("\(key) not exact")
                continue
            }
            let normalized = try PathRules.normalize(encoded).get()
            #expect(normalized.path.value == encoded)
            #expect(normalized.notices.isEmpty)
        }
    }
}
