import Testing

@testable import CloudFrontInvalidateCLI

@Suite("Version")
struct VersionReportTests {
    @Test("A tagged build prints X.Y.Z (revision); an untagged one prints dev")
    func versionLine() {
        #expect(BuildInfo.versionLine(version: "1.4.2", revision: "0123456789ab") == "1.4.2 (0123456789ab)")
        #expect(BuildInfo.versionLine(version: "dev", revision: "0123456789ab") == "dev")
        #expect(BuildInfo.versionLine(version: "1.4.2", revision: "") == "1.4.2")
    }

    @Test(
        "--version with -v or --verbose asks for the component list; anything after -- is not an option",
        arguments: [
            (["--version", "--verbose"], true), (["-v", "--version"], true), (["--version"], false),
            (["--verbose"], false), (["create", "--", "--version", "-v"], false), (["--version", "--", "-v"], false),
        ])
    func requested(arguments: [String], expected: Bool) {
        #expect(VersionReport.isRequested(by: arguments) == expected)
    }

    @Test("The component list names every library the SBOM names, each with a version")
    func components() {
        let lines = VersionReport.lines()
        let names = lines.dropFirst().compactMap { $0.split(separator: ":").first.map(String.init) }
        for name in ["linkage", "swift", "curl", "openssl", "libyaml", "expat"] {
            #expect(names.contains(name), "missing \(name) in \(lines)")
        }
        #if os(Linux)
            #expect(names.contains("glibc"))
        #endif
        for line in lines.dropFirst() where !line.hasPrefix("linkage:") {
            let value = line.split(separator: ":", maxSplits: 1).last.map(String.init) ?? ""
            #expect(value.contains { $0.isNumber }, "no version number in \(line)")
        }
    }
}
