import Testing

@testable import Configuration

/// Issue 13 items 2, 8, 9 and 15: hostile values from flags, the environment, the pipeline file and paths files are
/// refused with a message (exit 64), never trapped on, truncated, dropped or silently replaced.
@Suite("Hostile input")
struct HostileInputTests {
    func resolver(_ environment: [String: String] = [:], files: [String: String] = [:]) -> InputResolver {
        InputResolver(
            environment: environment,
            readFile: { path in
                guard let text = files[path] else { throw TestFileMissing() }
                return text
            })
    }

    func values(config: String? = nil, _ change: (inout CommandLineValues) -> Void = { _ in }) -> CommandLineValues {
        var values = CommandLineValues()
        values.readsPipelineFile = config != nil
        values.config = config
        values.distributionIDs = config == nil ? ["E1"] : []
        values.paths = config == nil ? ["/a"] : []
        change(&values)
        return values
    }

    func problems(
        _ values: CommandLineValues, environment: [String: String] = [:], files: [String: String] = [:]
    ) -> [ConfigurationError.Problem] {
        do {
            _ = try resolver(environment, files: files).resolve(values)
            return []
        } catch {
            return error.problems
        }
    }

    static let overflowing = "2562047788015215h59m"

    @Test("An overflowing --timeout is refused, not trapped on")
    func overflowingTimeoutFlag() {
        let found = problems(values { $0.timeout = Self.overflowing })
        #expect(found.map(\.location) == ["--timeout"])
        #expect(found.first?.message.contains("maximum wait limit of 168h") == true)
    }

    @Test("An overflowing CLOUDFRONT_TIMEOUT is refused")
    func overflowingTimeoutEnvironment() {
        let found = problems(values(), environment: ["CLOUDFRONT_TIMEOUT": Self.overflowing])
        #expect(found.map(\.location) == ["CLOUDFRONT_TIMEOUT"])
    }

    @Test("An overflowing timeout: in the pipeline file is refused with its line and column")
    func overflowingTimeoutFile() {
        let file = "timeout: \(Self.overflowing)\ntargets:\n  - distribution_id: E1\n    paths: [/a]\n"
        let found = problems(values(config: "ci.yml"), files: ["ci.yml": file])
        #expect(found.map(\.location) == ["ci.yml:1:10"])
        #expect(found.first?.message.contains("maximum wait limit") == true)
    }

    @Test("A caller reference over 128 characters is refused from the flag and the environment, not truncated")
    func longCallerReference() {
        let long = String(repeating: "r", count: 129)
        #expect(problems(values { $0.callerReference = long }).map(\.location) == ["--caller-reference"])
        #expect(
            problems(values(), environment: ["CLOUDFRONT_CALLER_REFERENCE": long]).map(\.location) == [
                "CLOUDFRONT_CALLER_REFERENCE"
            ])
        let exact = String(repeating: "r", count: 128)
        #expect(problems(values { $0.callerReference = exact }).isEmpty)
    }

    @Test(
        "A caller reference with a character XML cannot carry is refused everywhere",
        arguments: ["ref\u{1B}x", "ref\u{FFFE}", "a\nb", "a\u{7F}"])
    func callerReferenceControlCharacters(reference: String) {
        let found = problems(values { $0.callerReference = reference })
        #expect(found.first?.message.contains("control character or noncharacter") == true)
        let file =
            "caller_reference: \"\(reference.unicodeScalars.map { "\\u\(hex4($0))" }.joined())\"\n"
            + "targets:\n  - distribution_id: E1\n    paths: [/a]\n"
        let fromFile = problems(values(config: "ci.yml"), files: ["ci.yml": file])
        #expect(fromFile.first?.message.contains("control character or noncharacter") == true)
    }

    func hex4(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - hex.count) + hex
    }

    @Test("A paths file with a byte that is not UTF-8 is refused with its line")
    func pathsFileInvalidUTF8() {
        var parser = PathsFile.Parser()
        #expect(throws: PathsFile.Problem.invalidUTF8(line: 3, byte: 0xE9)) {
            try parser.consume(Array("/a\r\n/b\r\n/caf".utf8) + [0xE9] + Array("\n".utf8))
        }
    }

    @Test("A scalar split across two chunks is read whole; CRLF, CR and comments are handled")
    func pathsFileChunks() throws {
        var parser = PathsFile.Parser()
        let bytes = Array("# comment\r\n/caf\u{E9}\r/b\n\n#tag\n#\t also comment\n/last".utf8)
        for byte in bytes { try parser.consume([byte]) }
        #expect(try parser.finish() == ["/caf\u{E9}", "/b", "#tag", "/last"])
    }

    @Test("A paths file is refused past its byte, path and line limits")
    func pathsFileLimits() {
        let limits = PathsFile.Limits(bytes: 64, paths: 3, lineBytes: 16)
        var parser = PathsFile.Parser(limits: limits)
        #expect(throws: PathsFile.Problem.tooManyBytes) { try parser.consume([UInt8](repeating: 0x0A, count: 65)) }
        parser = PathsFile.Parser(limits: limits)
        #expect(throws: PathsFile.Problem.tooManyPaths) { try parser.consume(Array("/a\n/b\n/c\n/d\n".utf8)) }
        parser = PathsFile.Parser(limits: limits)
        #expect(throws: PathsFile.Problem.lineTooLong(line: 2)) {
            try parser.consume(Array("/a\n/\(String(repeating: "x", count: 20))".utf8))
        }
        #expect(PathsFile.maximumBytes == 256 * 1024 * 1024 && PathsFile.maximumPaths == 5_000_000)
    }
}
