import Configuration
import Testing

@Suite("Flags and environment")
struct InputResolverTests {
    func resolver(_ environment: [String: String], files: [String: String] = [:]) -> InputResolver {
        InputResolver(environment: environment) { path in
            guard let text = files[path] else { throw TestFileMissing() }
            return text
        }
    }

    @Test("Flags win over the environment")
    func flagsWin() throws {
        var flags = CommandLineValues()
        flags.distributionIDs = ["EFLAG"]
        flags.paths = ["/a"]
        let inputs = try resolver(["CLOUDFRONT_DISTRIBUTION_ID": "EENV", "CLOUDFRONT_PATHS": "/b"]).resolve(flags)
        #expect(inputs.distributionIDs == ["EFLAG"])
        #expect(inputs.paths == ["/a"])
        #expect(inputs.pathsSource == "arguments")
    }

    @Test("The environment fills what flags leave out; a one-line path list splits on commas and spaces")
    func environmentLists() throws {
        let inputs = try resolver([
            "CLOUDFRONT_DISTRIBUTION_ID": "E1, E2",
            "CLOUDFRONT_PATHS": "/index.html /assets/*,/css/site.css, /js/app.js",
            "CLOUDFRONT_DRY_RUN": "1",
            "AWS_ENDPOINT_URL": "http://127.0.0.1:9",
            "AWS_ENDPOINT_URL_CLOUDFRONT": "http://127.0.0.1:8",
        ]).resolve(CommandLineValues())
        #expect(inputs.distributionIDs == ["E1", "E2"])
        #expect(inputs.paths == ["/index.html", "/assets/*", "/css/site.css", "/js/app.js"])
        #expect(inputs.dryRun)
        #expect(inputs.endpointURL == "http://127.0.0.1:8", "the service-specific endpoint beats AWS_ENDPOINT_URL")
    }

    @Test("-d accepts commas")
    func commaFlags() throws {
        var flags = CommandLineValues()
        flags.distributionIDs = ["E1,E2", "E3"]
        flags.paths = ["/"]
        #expect(try resolver([:]).resolve(flags).distributionIDs == ["E1", "E2", "E3"])
    }

    @Test("A paths file: comments, blank lines and cache tags")
    func pathsFile() throws {
        var flags = CommandLineValues()
        flags.distributionIDs = ["E1"]
        flags.pathsFile = "changed.txt"
        let text = "# changed by the deploy\n/index.html\r\n\n#product-123\n  /assets/*  \n#\n"
        let inputs = try resolver([:], files: ["changed.txt": text]).resolve(flags)
        #expect(inputs.paths == ["/index.html", "#product-123", "/assets/*"])
        #expect(inputs.pathsSource == "paths file changed.txt")
    }

    @Test("Every problem is reported at once")
    func allProblems() {
        var flags = CommandLineValues()
        flags.pathsFile = "missing.txt"
        let error = #expect(throws: ConfigurationError.self) {
            try resolver(["CLOUDFRONT_JSON": "maybe"]).resolve(flags)
        }
        let locations = error?.problems.map(\.location) ?? []
        #expect(locations.contains("--paths-file"))
        #expect(locations.contains("-d/--distribution-id"))
        #expect(locations.contains("CLOUDFRONT_JSON"))
    }

    @Test(arguments: [("true", true), ("FALSE", false), ("1", true), ("0", false), (" yes\n", true)])
    func booleans(raw: String, expected: Bool) {
        #expect(BooleanValue.parse(raw) == expected)
    }
}

struct TestFileMissing: Error {}
