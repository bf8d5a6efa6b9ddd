import CloudFront
import Synchronization
import Testing

@testable import Reporting

@Suite("GitHub Actions reporter")
struct GitHubReporterTests {
    static let environment = ["GITHUB_OUTPUT": "/out", "GITHUB_STEP_SUMMARY": "/summary"]

    static func document(ids: [String], status: String = "Completed", exitCode: Int32 = 0) -> ResultDocument {
        ResultDocument(
            dryRun: false, exitCode: exitCode,
            invalidations: ids.map {
                ResultDocument.Entry(
                    target: .distribution("E1"), id: $0, status: status, callerReference: nil, paths: ["/a"],
                    createTime: nil, elapsedSeconds: 1)
            }, billablePaths: ids.count)
    }

    @Test("Outputs: single values and the multi-line IDs in heredoc form, read back as the runner reads them")
    func outputs() throws {
        let output = RecordingOutput()
        let reporter = output.reporter(
            .github, environment: Self.environment, delimiter: GitHubStepFiles.randomDelimiter)
        reporter.report(.finished(Self.document(ids: ["I1AAA", "I2BBB", "I3CCC"])))
        let file = try #require(output.file("/out"))
        let values = try parseGitHubOutput(file)
        #expect(values["invalidation-id"] == "I1AAA")
        #expect(values["invalidation-ids"] == "I1AAA\nI2BBB\nI3CCC")
        #expect(values["status"] == "Completed")
        #expect(values["billable-paths"] == "3")
        #expect(file.contains("invalidation-ids<<ghadelimiter_"))
    }

    @Test("A delimiter that collides with a value is replaced")
    func delimiterCollision() throws {
        let candidates = Mutex(["I1AAA", "I1AAA", "SAFE"])
        let text = GitHubStepFiles.outputs(Self.document(ids: ["I1AAA"])) {
            candidates.withLock { $0.removeFirst() }
        }
        #expect(try parseGitHubOutput(text)["invalidation-ids"] == "I1AAA")
        #expect(text.contains("invalidation-ids<<SAFE\n"))
    }

    @Test("Random delimiters differ and are long")
    func randomDelimiter() {
        let first = GitHubStepFiles.randomDelimiter()
        #expect(first != GitHubStepFiles.randomDelimiter())
        #expect(first.count == "ghadelimiter_".count + 32)
    }

    @Test("Nothing created: empty IDs and a status that says so")
    func nothing() throws {
        let output = RecordingOutput()
        output.reporter(.github, environment: Self.environment).report(.finished(Self.document(ids: [])))
        let values = try parseGitHubOutput(try #require(output.file("/out")))
        #expect(values["invalidation-id"] == "")
        #expect(values["invalidation-ids"] == "")
        #expect(values["status"] == "NothingToInvalidate")
    }

    @Test("Summary: a table row per invalidation with a console link; user text escaped")
    func summary() throws {
        let output = RecordingOutput()
        var document = Self.document(ids: ["I1AAA"])
        document.invalidations[0].paths = ["/a|b", "/<img src=x>"]
        output.reporter(.github, environment: Self.environment).report(.finished(document))
        let summary = try #require(output.file("/summary"))
        #expect(summary.contains("| Target | Invalidation | Paths | Status | Elapsed | Console |"))
        #expect(
            summary.contains(
                "[open](https://us-east-1.console.aws.amazon.com/cloudfront/v4/home#/distributions/E1/invalidations/details/I1AAA)"
            ))
        #expect(summary.contains(#"/a\|b"#))
        #expect(summary.contains(#"/\<img src=x\>"#))
        let unescaped = zip(" " + summary, summary).filter { $1 == "<" && $0 != "\\" }
        #expect(unescaped.isEmpty, "a < reached the summary unescaped")
    }

    @Test("Summary of thousands of tenants: rows for the failed ones only, the rest counted by status")
    func summaryAtScale() throws {
        var document = ResultDocument(
            dryRun: false, exitCode: 1,
            invalidations: (0..<3000).map {
                ResultDocument.Entry(
                    target: .tenant("dt_\($0)"), id: "I\($0)", status: "Completed", callerReference: nil,
                    paths: ["/a"], createTime: nil, elapsedSeconds: 1)
            }, billablePaths: 2998)
        for index in [7, 2500] {
            document.invalidations[index].status = "Failed"
            document.invalidations[index].id = nil
            document.invalidations[index].error = "CloudFront refused the request with InvalidArgument."
        }
        let output = RecordingOutput()
        output.reporter(.github, environment: Self.environment).report(.finished(document))
        let summary = try #require(output.file("/summary"))
        let rows = summary.split(separator: "\n").filter { $0.hasPrefix("| tenant ") }
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0.contains("Failed") })
        #expect(summary.contains("By status: Completed 2998, Failed 2."))
        #expect(summary.split(separator: "\n").count < 20, "never one line per tenant")
    }

    @Test("Without GITHUB_OUTPUT and GITHUB_STEP_SUMMARY nothing is written")
    func noFiles() {
        let output = RecordingOutput()
        output.reporter(.github).report(.finished(Self.document(ids: ["I1AAA"])))
        #expect(output.all.isEmpty)
    }

    @Test("A file that can't be written is a warning annotation, not a crash")
    func unwritable() {
        let output = RecordingOutput(failingPaths: ["/out"])
        output.reporter(.github, environment: Self.environment).report(.finished(Self.document(ids: ["I1AAA"])))
        #expect(output.logLines.contains { $0.hasPrefix("::warning title=Could not write a result file::") })
        #expect(output.file("/summary") != nil)
    }

    /// Issue 12: a pipeline-file error shows on the file in a pull request only with `file=`, `line=` and `col=`.
    @Test("A refusal with a position in a pipeline file is annotated on that file, line and column")
    func refusalOnTheFile() {
        let output = RecordingOutput()
        let reporter = output.reporter(.github, environment: ["GITHUB_WORKSPACE": "/home/runner/work/site"])
        let message = ".cloudfront-invalidate.yml:3:5: timeout 'soon' is not a duration."
        reporter.report(
            .refused(
                message: message, position: AnnotationPosition(file: ".cloudfront-invalidate.yml", line: 3, column: 5)))
        reporter.report(
            .refused(
                message: "bad",
                position: AnnotationPosition(file: "/home/runner/work/site/ci/a,b.yml", line: 1, column: 2)))
        reporter.report(.refused(message: "no file"))
        #expect(
            output.logLines == [
                "::error file=.cloudfront-invalidate.yml,line=3,col=5,title=Input refused%2C nothing was sent::"
                    + message,
                "::error file=ci/a%2Cb.yml,line=1,col=2,title=Input refused%2C nothing was sent::bad",
                "::error title=Input refused%2C nothing was sent::no file",
            ])
    }

    @Test("Failures, refusals and timeouts are annotations with titles")
    func annotations() {
        let output = RecordingOutput()
        let reporter = output.reporter(.github, verbosity: .quiet)
        reporter.report(.failed(target: .distribution("E1"), message: "CloudFront refused: 100%, sure."))
        reporter.report(.refused(message: "The paths look like an unquoted /* expanded by the shell."))
        reporter.report(
            .timedOut(inProgress: ["I1"], resume: "cloudfront-invalidate wait -d E1 --id I1", asWarning: true))
        #expect(
            output.logLines == [
                "::error title=Invalidation failed%3A distribution E1::CloudFront refused: 100%25, sure.",
                "::error title=Input refused%2C nothing was sent::The paths look like an unquoted /* expanded by the shell.",
                "::warning title=Wait timed out::timed out waiting: 1 invalidation is still in progress (I1). "
                    + "They will complete on their own; to wait again run: cloudfront-invalidate wait -d E1 --id I1",
            ])
    }

    @Test(
        "User text cannot inject a workflow command",
        arguments: [
            "x\n::error::pwned", "x\r::error::pwned", "::error::pwned", "  ::error::pwned", "##[error]pwned",
            "x\r\n::add-mask::pwned",
        ])
    func injection(_ text: String) {
        let output = RecordingOutput()
        let reporter = output.reporter(.github, verbosity: .verbose)
        reporter.report(.notice(text))
        reporter.report(.detail(text))
        reporter.report(.failed(target: nil, message: text))
        reporter.report(.warning(text))
        reporter.report(
            .planned(
                TargetPlanSummary(
                    target: .distribution("E1"), paths: [text], batchCount: 1, billablePaths: 1, wildcardCount: 0)))
        for line in output.logLines {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            let ours = ["::error title=", "::warning title=", "::group::", "::endgroup::"].contains {
                trimmed.hasPrefix($0)
            }
            #expect(!trimmed.hasPrefix("::") || ours, "line could be read as a command: \(line)")
            #expect(!line.contains("##[error]"), "legacy command syntax reached the log: \(line)")
            if ours { #expect(!line.contains("\r")) }
        }
    }

    @Test("Each plan is one group; creation and progress lines are outside groups")
    func groups() {
        let output = RecordingOutput()
        let reporter = output.reporter(.github)
        reporter.report(Scenario.plan(.distribution("E1"), ["/a", "/b"]))
        reporter.report(
            .created(
                target: .distribution("E1"), invalidation: Invalidation(id: "I1", status: .inProgress), batch: 1,
                batchCount: 1))
        #expect(
            output.all == [
                .log("::group::distribution E1: 2 paths, 2 billable\n  /a\n  /b\n::endgroup::"),
                .log("distribution E1: created invalidation I1, status InProgress"),
            ])
    }

    @Test("Commands go out without colour even on a terminal")
    func noColour() {
        let output = RecordingOutput()
        output.reporter(.github, isTerminal: true).report(.failed(target: nil, message: "boom"))
        #expect(!output.log.contains("\u{1B}"))
    }
}
