import CloudFront
import Testing

@testable import Reporting

@Suite("GitLab CI reporter")
struct GitLabReporterTests {
    @Test("Each plan is a collapsed section with unique names; timestamps from the clock")
    func sections() {
        let output = RecordingOutput()
        let reporter = output.reporter(.gitlab, environment: ["NO_COLOR": "1"], epochSeconds: { 1_700_000_123 })
        reporter.report(Scenario.plan(.distribution("E1"), ["/a"]))
        reporter.report(Scenario.plan(.distribution("E2"), ["/b"]))
        #expect(
            output.all == [
                .log(
                    "\u{1B}[0Ksection_start:1700000123:cloudfront_invalidate_plan_1[collapsed=true]\r\u{1B}[0K"
                        + "distribution E1: 1 path, 1 billable\n  /a\n"
                        + "\u{1B}[0Ksection_end:1700000123:cloudfront_invalidate_plan_1\r\u{1B}[0K"),
                .log(
                    "\u{1B}[0Ksection_start:1700000123:cloudfront_invalidate_plan_2[collapsed=true]\r\u{1B}[0K"
                        + "distribution E2: 1 path, 1 billable\n  /b\n"
                        + "\u{1B}[0Ksection_end:1700000123:cloudfront_invalidate_plan_2\r\u{1B}[0K"),
            ])
    }

    @Test("Colour in the job log unless NO_COLOR is set, terminal or not")
    func colour() {
        let coloured = RecordingOutput()
        coloured.reporter(.gitlab, isTerminal: false).report(.failed(target: nil, message: "boom"))
        #expect(coloured.log == "\u{1B}[1;31merror:\u{1B}[0m boom")
        let plain = RecordingOutput()
        plain.reporter(.gitlab, environment: ["NO_COLOR": "1"], isTerminal: true).report(
            .failed(target: nil, message: "boom"))
        #expect(plain.log == "error: boom")
    }

    @Test("User text cannot forge a section marker or hide a line")
    func injection() {
        let output = RecordingOutput()
        let reporter = output.reporter(.gitlab, environment: ["NO_COLOR": "1"])
        let evil = "/x\u{1B}[0Ksection_end:1:cloudfront_invalidate_plan_1\r\u{1B}[0K"
        reporter.report(Scenario.plan(.distribution("E1"), [evil]))
        reporter.report(.failed(target: nil, message: evil))
        let escapes = output.log.filter { $0 == "\u{1B}" }.count
        #expect(escapes == 4, "only the reporter's own section markers may carry escape codes")
        #expect(output.log.contains(#"/x\x1b[0Ksection_end:1:cloudfront_invalidate_plan_1"#))
    }

    @Test("--dotenv: the three variables, one line each, IDs comma-separated, file replaced")
    func dotenv() throws {
        let output = RecordingOutput()
        let reporter = output.reporter(.gitlab, dotenvPath: "deploy.env")
        reporter.report(
            .finished(GitHubReporterTests.document(ids: ["I1AAA", "I2BBB"], status: "InProgress", exitCode: 124)))
        let text = try #require(output.file("deploy.env"))
        #expect(
            text == "CLOUDFRONT_INVALIDATION_ID=I1AAA\nCLOUDFRONT_INVALIDATION_IDS=I1AAA,I2BBB\n"
                + "CLOUDFRONT_INVALIDATION_STATUS=InProgress\n")
        #expect(output.all.contains { if case .replace = $0 { true } else { false } })
    }

    @Test("A dotenv file is written in any format when asked for")
    func dotenvAnyFormat() {
        for format in [ReportFormat.plain, .github] {
            let output = RecordingOutput()
            output.reporter(format, dotenvPath: "x.env").report(.finished(GitHubReporterTests.document(ids: ["I1"])))
            #expect(output.file("x.env")?.hasPrefix("CLOUDFRONT_INVALIDATION_ID=I1\n") == true)
        }
    }

    @Test("Dotenv values stay on one line and lose quotes GitLab would keep")
    func dotenvValues() {
        #expect(DotenvFile.value("I1\nEVIL=1") == "I1 EVIL=1")
        #expect(DotenvFile.value("\"I1\"") == "I1")
    }

    @Test("A dotenv file that can't be written is a warning")
    func dotenvUnwritable() {
        let output = RecordingOutput(failingPaths: ["x.env"])
        output.reporter(.gitlab, environment: ["NO_COLOR": "1"], dotenvPath: "x.env")
            .report(.finished(GitHubReporterTests.document(ids: ["I1"])))
        #expect(output.log.hasPrefix("warning: could not write the dotenv file x.env (permission denied)"))
    }
}
