import Configuration
import Testing

@testable import CloudFrontInvalidateCLI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Issue 13 items 8, 14 and 15: raw arguments and environment values that are not UTF-8, and paths files that are
/// devices or directories, are refused with a message (exit 64).
@Suite("Hostile process input")
struct HostileProcessInputTests {
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
