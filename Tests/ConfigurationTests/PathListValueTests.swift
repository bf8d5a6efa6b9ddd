import Configuration
import Testing

/// `CLOUDFRONT_PATHS` and the `paths` inputs are one value; a path may contain spaces (issue 12).
@Suite("Splitting a one-value path list")
struct PathListValueTests {
    static func split(_ value: String) -> [String]? {
        try? PathListValue.split(value, name: "CLOUDFRONT_PATHS").get()
    }

    @Test(
        "With a line break, each line is one path, spaces and commas kept",
        arguments: [
            ("/about us/café.html\n", ["/about us/café.html"]),
            ("/about us/café.html\n/a,b.html\n\n  #tag  \n", ["/about us/café.html", "/a,b.html", "#tag"]),
            ("/a\r\n/b c\r\n", ["/a", "/b c"]),
            ("index.html\nabout.html", ["index.html", "about.html"]),
        ])
    func lines(_ value: String, _ expected: [String]) {
        #expect(Self.split(value) == expected)
    }

    @Test(
        "One line splits at commas and whitespace when every piece begins with / or #",
        arguments: [
            ("/index.html /assets/*", ["/index.html", "/assets/*"]),
            ("/a,/b, /c\t#product-1", ["/a", "/b", "/c", "#product-1"]),
            ("/about-us.html", ["/about-us.html"]),
            ("index.html", ["index.html"]),
            ("  ", []),
        ])
    func oneLine(_ value: String, _ expected: [String]) {
        #expect(Self.split(value) == expected)
    }

    @Test(
        "One line that would split into something other than paths is refused, naming the value",
        arguments: ["/about us/café.html", "index.html about.html", "/a,b.html", "/docs/read me.md /x"])
    func refused(_ value: String) throws {
        let result = PathListValue.split(value, name: "CLOUDFRONT_PATHS")
        guard case .failure(let error) = result, let problem = error.problems.first else {
            Issue.record("'\(value)' was split into \(result)")
            return
        }
        #expect(problem.location == "CLOUDFRONT_PATHS")
        #expect(problem.message.contains("'\(value)'"))
        #expect(problem.message.contains("one path a line"))
    }

    @Test("Through the resolver: refused with the variable named, every other problem still reported")
    func resolver() {
        let resolver = InputResolver(
            environment: ["CLOUDFRONT_DISTRIBUTION_ID": "E1", "CLOUDFRONT_PATHS": "/about us/café.html"],
            readFile: { _ in "" }, readBytes: { _, _ in [] })
        let error = #expect(throws: ConfigurationError.self) { try resolver.resolve(CommandLineValues()) }
        #expect(error?.problems.map(\.location) == ["CLOUDFRONT_PATHS"])
    }
}
