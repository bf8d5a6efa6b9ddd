import CloudFront
import Testing

@testable import Reporting

/// Issue 13 items 3 to 5: the result document (stdout with `--json`, CI files) is redacted like the log, on bytes,
/// with signing material scrubbed.
@Suite("Redaction of server text in every output")
struct HostileReplyRedactionTests {
    static let token = "IQoJb3JpZ2luX2VjEXAMPLE/session+token=="
    static let echo =
        "SignatureDoesNotMatch: canonical request 'x-amz-security-token:\(token)\n' "
        + "Authorization: AWS4-HMAC-SHA256 Credential=AKID/x, SignedHeaders=host, Signature=0123456789abcdef"

    static let document = ResultDocument(
        dryRun: false, exitCode: 77,
        invalidations: [
            ResultDocument.Entry(
                target: .distribution("E1"), id: "I1", status: "InProgress", callerReference: "ref-\(token)\u{0301}",
                paths: ["/a"], createTime: nil, elapsedSeconds: nil)
        ], billablePaths: 1, errors: [echo, "echo \(token)\u{FE0F}"])

    @Test("The document's errors are redacted through the reporter", arguments: [ReportFormat.plain, .github, .gitlab])
    func documentRedacted(format: ReportFormat) {
        let output = RecordingOutput()
        let reporter = output.reporter(format, environment: ["GITHUB_STEP_SUMMARY": "/summary", "NO_COLOR": "1"])
        reporter.mask(Self.token)
        let redacted = Self.document.redacted(reporter.redact)
        let json = redacted.json.rendered()
        #expect(!json.contains(Self.token))
        #expect(!json.contains("0123456789abcdef"))
        #expect(!json.contains("Credential=AKID"))
        #expect(json.contains("***"))
    }

    @Test("Without any registered secret, signing material is still scrubbed")
    func defaultReporterScrubs() {
        struct Silent: Reporter {
            func report(_ event: RunEvent) {}
        }
        let redacted = Self.document.redacted(Silent().redact)
        #expect(!redacted.errors[0].contains("0123456789abcdef"))
        #expect(!redacted.errors[0].contains(Self.token), "the token after x-amz-security-token: is scrubbed")
    }

    @Test("The step summary and the log never carry the echoed signature or token")
    func summaryAndLog() {
        let output = RecordingOutput()
        let reporter = output.reporter(.github, environment: ["GITHUB_STEP_SUMMARY": "/summary"])
        reporter.mask(Self.token)
        reporter.report(.failed(target: .distribution("E1"), message: Self.echo))
        reporter.report(.finished(Self.document))
        let summary = output.file("/summary") ?? ""
        let log = output.logLines.filter { !$0.hasPrefix("::add-mask::") }.joined(separator: "\n")
        for text in [summary, log] {
            #expect(!text.contains(Self.token))
            #expect(!text.contains("0123456789abcdef"))
            #expect(!text.contains("Credential=AKID"))
        }
    }
}
