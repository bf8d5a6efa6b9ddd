import CloudFront
import Synchronization
import Testing

@testable import Reporting

@Suite("Plain reporter")
struct PlainReporterTests {
    @Test(
        "Colour only on a terminal, without NO_COLOR, and not on a dumb terminal",
        arguments: [
            ([:], true, true),
            ([:], false, false),
            (["NO_COLOR": "1"], true, false),
            (["NO_COLOR": ""], true, true),
            (["TERM": "dumb"], true, false),
        ])
    func colour(_ environment: [String: String], _ isTerminal: Bool, _ coloured: Bool) {
        let output = RecordingOutput()
        output.reporter(.plain, environment: environment, isTerminal: isTerminal).report(.warning("careful"))
        #expect(output.log.contains("\u{1B}[") == coloured)
        #expect(output.log.hasSuffix("careful"))
    }

    @Test("Quiet shows errors only")
    func quiet() {
        let output = RecordingOutput()
        let reporter = output.reporter(.plain, verbosity: .quiet)
        reporter.report(.notice("n"))
        reporter.report(.warning("w"))
        reporter.report(Scenario.plan(.distribution("E1"), ["/a"]))
        reporter.report(.retrying(operation: "GetInvalidation", attempt: 1, delaySeconds: 1, reason: "r"))
        reporter.report(.failed(target: nil, message: "e"))
        reporter.report(.refused(message: "bad path"))
        #expect(output.logLines == ["error: e", "error: bad path"])
    }

    @Test("Retry reasons, request IDs and credential sources only with -v")
    func verbose() {
        let events: [RunEvent] = [
            .retrying(
                operation: "CreateInvalidation", attempt: 1, delaySeconds: 0.55, reason: "HTTP 503 (request ID R1)"),
            .credentialsResolved(source: "environment"),
            .detail("request ID R2"),
            .configurationRead(sources: ["flags", ".cloudfront-invalidate.yml"]),
        ]
        let normal = RecordingOutput()
        let verbose = RecordingOutput()
        for event in events {
            normal.reporter(.plain).report(event)
            verbose.reporter(.plain, verbosity: .verbose).report(event)
        }
        #expect(normal.logLines == ["retry: CreateInvalidation attempt 1 failed; retrying in 0.6s"])
        #expect(
            verbose.logLines == [
                "retry: CreateInvalidation attempt 1 failed (HTTP 503 (request ID R1)); retrying in 0.6s",
                "credentials: from environment", "request ID R2",
                "configuration: from flags, .cloudfront-invalidate.yml",
            ])
    }

    @Test("Control characters in user text are shown, not obeyed")
    func controlCharacters() {
        let output = RecordingOutput()
        output.reporter(.plain).report(.failed(target: nil, message: "a\u{1B}[2Jb\rc\u{7}"))
        #expect(output.logLines == ["error: a\\x1b[2Jb", "  c\\x07"])
    }

    @Test("The compatibility initialiser writes plain lines")
    func compatibility() {
        let lines = Mutex<[String]>([])
        let reporter = PlainReporter(verbosity: .normal) { line in lines.withLock { $0.append(line) } }
        reporter.report(.notice("hello"))
        #expect(lines.withLock { $0 } == ["notice: hello"])
    }
}
