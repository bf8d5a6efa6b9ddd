import Configuration
import Testing

@testable import CloudFrontInvalidateCLI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Issue 13 items 2, 8, 9, 14 and 15: hostile values from flags, the environment, the pipeline file and paths files
/// are refused with a message (exit 64), never trapped on, truncated, dropped or silently replaced.
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

    @Test("An explicit reference that leaves no room for the batch suffix is refused in the plan")
    func callerReferenceBatchSuffix() {
        let inputs = ResolvedInputs(targets: [
            TargetInputs(
                distributionID: "E1", paths: (0..<3_001).map { "/f\($0)" }, pathsSource: "ci.yml",
                callerReference: String(repeating: "r", count: 127))
        ])
        let error = #expect(throws: ConfigurationError.self) {
            try RunPlan.make(inputs: inputs, rootEntries: [], workingDirectoryEntries: [])
        }
        #expect(error?.description.contains("shorten the reference to 126 characters") == true)
        #expect(
            CallerReference.make(
                explicit: "deploy", target: "E1", paths: [], batchIndex: 1, batchCount: 2, environment: [:],
                nonce: { "" }) == "deploy-2")
    }

    @Test("Arguments and CLOUDFRONT_* values that are not UTF-8 are refused; others are left alone")
    func invalidUTF8ArgumentsAndEnvironment() {
        let found = RawInputCheck.problems(
            arguments: [Array("/bin/cfi".utf8), [0x2F, 0x63, 0x61, 0x66, 0xE9], Array("/ok".utf8)],
            environment: [
                Array("CLOUDFRONT_PATHS=/caf".utf8) + [0xE9], Array("HOME=/h".utf8) + [0xFF],
                Array("AWS_ENDPOINT_URL=http://x".utf8) + [0xC3], Array("CLOUDFRONT_WAIT=true".utf8),
            ])
        #expect(found.count == 3)
        #expect(found[0].hasPrefix("argument 1 ('/caf\\xE9') is not valid UTF-8 (byte 0xE9 at byte 5)"))
        #expect(found[0].contains("'%E9'"))
        #expect(found[1].hasPrefix("the environment variable CLOUDFRONT_PATHS is not valid UTF-8"))
        #expect(found[2].hasPrefix("the environment variable AWS_ENDPOINT_URL is not valid UTF-8"))
        #expect(RawInputCheck.problems(arguments: [[0xFF]], environment: []).isEmpty, "argv[0] is the binary")
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

    @Test("Devices and directories are refused by type with a message that says so")
    func pathsFileTypes() {
        #expect(PathsFileReader.refusal(forMode: S_IFCHR)?.contains("device (such as /dev/zero)") == true)
        #expect(PathsFileReader.refusal(forMode: S_IFDIR)?.contains("is a directory") == true)
        #expect(PathsFileReader.refusal(forMode: S_IFREG) == nil)
        #expect(PathsFileReader.refusal(forMode: S_IFIFO) == nil)
        #expect(throws: PathsFileReader.Failure.self) { try PathsFileReader.paths("/dev/zero") }
        #expect(PathsFileReader.openFailure(ENOENT).contains("does not exist"))
    }
}
