import CloudFront
import Testing

@testable import Reporting

@Suite("Secrets never reach the log or a file")
struct SecretMaskingTests {
    static let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    static let token = "IQoJb3JpZ2luX2VjEXAMPLE%TOKEN\nSECOND-LINE-OF-TOKEN"

    /// Every event, each carrying the secrets, then the result document carrying them too.
    static var events: [RunEvent] {
        let both = "\(secret) \(token)"
        return [
            .notice(both), .warning(both), .detail(both), .credentialsResolved(source: both),
            .configurationRead(sources: [both]),
            .retrying(operation: "CreateInvalidation", attempt: 1, delaySeconds: 1, reason: both),
            Scenario.plan(.distribution("E1"), ["/" + secret]),
            .failed(target: .distribution("E1"), message: both), .refused(message: both),
            .timedOut(inProgress: ["I1"], resume: both, asWarning: false), .interrupted(signal: "SIGINT", resume: both),
            .finished(
                ResultDocument(
                    dryRun: false, exitCode: 1,
                    invalidations: [
                        ResultDocument.Entry(
                            target: .distribution("E1"), id: secret, status: secret, callerReference: nil,
                            paths: ["/" + secret], createTime: nil, elapsedSeconds: nil)
                    ], billablePaths: 1, errors: [both])),
        ]
    }

    @Test("Masked values are replaced everywhere", arguments: [ReportFormat.plain, .github, .gitlab])
    func masked(_ format: ReportFormat) {
        let output = RecordingOutput()
        let reporter = output.reporter(
            format, verbosity: .verbose,
            environment: ["GITHUB_OUTPUT": "/out", "GITHUB_STEP_SUMMARY": "/summary", "NO_COLOR": "1"],
            dotenvPath: "x.env")
        reporter.mask(Self.secret)
        reporter.mask(Self.token)
        for event in Self.events { reporter.report(event) }

        var leaks: [String] = []
        for write in output.all {
            switch write {
            case .log(let text):
                for line in text.components(separatedBy: "\n") where !line.hasPrefix("::add-mask::") {
                    for fragment in Self.fragments where line.contains(fragment) { leaks.append(line) }
                }
            case .append(_, let text), .replace(_, let text):
                for fragment in Self.fragments where text.contains(fragment) { leaks.append(text) }
            }
        }
        #expect(leaks.isEmpty, "secret reached the output: \(leaks)")
        #expect(output.log.contains("***"))
    }

    /// The secrets and each line of them, in the forms they could take in output (raw or percent-encoded).
    static let fragments = [
        secret, "IQoJb3JpZ2luX2VjEXAMPLE%TOKEN", "IQoJb3JpZ2luX2VjEXAMPLE%25TOKEN", "SECOND-LINE-OF-TOKEN",
    ]

    @Test("In GitHub Actions each secret is announced with ::add-mask:: before anything else, once")
    func addMask() {
        let output = RecordingOutput()
        let reporter = output.reporter(.github, environment: ["GITHUB_ACTIONS": "true"])
        reporter.mask(Self.secret)
        reporter.mask(Self.secret)
        reporter.mask("   ")
        reporter.mask(Self.token)
        reporter.report(.notice("hello"))
        #expect(
            output.logLines == [
                "::add-mask::\(Self.secret)",
                "::add-mask::IQoJb3JpZ2luX2VjEXAMPLE%25TOKEN%0ASECOND-LINE-OF-TOKEN",
                "::add-mask::IQoJb3JpZ2luX2VjEXAMPLE%25TOKEN",
                "::add-mask::SECOND-LINE-OF-TOKEN",
                "notice: hello",
            ])
    }

    /// `--log-format github` outside Actions: no runner consumes `::add-mask::`, so the command would only write the
    /// secret into whatever captures the log (issue 12).
    @Test(
        "The GitHub format outside GitHub Actions never prints ::add-mask::, and still redacts",
        arguments: [[:], ["GITHUB_ACTIONS": "false"], ["CI": "true", "GITLAB_CI": "true"]])
    func noMaskOutsideActions(_ environment: [String: String]) {
        let output = RecordingOutput()
        let reporter = output.reporter(.github, environment: environment)
        reporter.mask(Self.secret)
        reporter.mask(Self.token)
        reporter.report(.notice("key \(Self.secret)"))
        #expect(output.logLines == ["notice: key ***"])
        #expect(!output.log.contains("add-mask"))
    }

    @Test("Plain and GitLab never print a secret, not even to mask it", arguments: [ReportFormat.plain, .gitlab])
    func silentMask(_ format: ReportFormat) {
        let output = RecordingOutput()
        output.reporter(format).mask(Self.secret)
        #expect(output.all.isEmpty)
    }

    @Test("Very short values are not redacted (they would garble the log and protect nothing)")
    func short() {
        let output = RecordingOutput()
        let reporter = output.reporter(.plain)
        reporter.mask("short12")
        reporter.report(.notice("short12"))
        #expect(output.log == "notice: short12")
    }
}
