import CloudFront

/// The log as a GitLab CI job log shows it: collapsible sections, ANSI colour, and a dotenv report at the end.
///
/// - Sections (https://docs.gitlab.com/ci/jobs/job_logs/#custom-collapsible-sections): each target's plan is one
///   `section_start:TIME:NAME[collapsed=true]\r\e[0K` … `section_end:TIME:NAME\r\e[0K` block written at once, so
///   concurrent targets never interleave inside a section; creation and progress lines stay outside sections.
/// - Colour: GitLab renders ANSI colour in job logs although jobs have no terminal, so it is on unless `NO_COLOR`
///   is set.
/// - User text has its control characters made visible: an escape or carriage return in a path or an error could
///   otherwise forge a section marker or hide a line.
public struct GitLabReporter: Reporter {
    let verbosity: Verbosity
    let style: TerminalStyle
    let sink: LogSink
    let dotenv: DotenvFile?
    /// Seconds since 1970, for section markers.
    let now: @Sendable () -> Int

    init(
        verbosity: Verbosity, style: TerminalStyle, sink: LogSink, dotenv: DotenvFile?,
        now: @escaping @Sendable () -> Int
    ) {
        self.verbosity = verbosity
        self.style = style
        self.sink = sink
        self.dotenv = dotenv
        self.now = now
    }

    public func mask(_ secret: String) {
        sink.register(secret: secret)
    }

    public func redact(_ text: String) -> String { sink.redacted(text) }

    public func report(_ event: RunEvent) {
        switch event {
        case .planned(let plan):
            guard verbosity > .quiet else { return }
            let name = "cloudfront_invalidate_plan_\(sink.nextNumber())"
            let header = style.bold(TextSafety.visibleLine(EventText.planHeader(plan)))
            sink.write(
                [Self.sectionStart(name, time: now(), collapsed: true) + header]
                    + EventText.planPaths(plan, verbosity: verbosity)
                    + [Self.sectionEnd(name, time: now())])
        case .finished(let document):
            let document = document.redacted(sink.redacted)
            if let problem = dotenv?.write(document, sink: sink) {
                sink.write(PlainReporter.lines(LogLine(level: .warning, label: "warning", text: problem), style: style))
            }
        default:
            guard let line = EventText.line(for: event, verbosity: verbosity) else { return }
            sink.write(PlainReporter.lines(line, style: style))
        }
    }

    /// `\e[0Ksection_start:TIME:NAME[collapsed=true]\r\e[0K`; the header text follows on the same line.
    static func sectionStart(_ name: String, time: Int, collapsed: Bool) -> String {
        "\u{1B}[0Ksection_start:\(time):\(name)\(collapsed ? "[collapsed=true]" : "")\r\u{1B}[0K"
    }

    /// `\e[0Ksection_end:TIME:NAME\r\e[0K`.
    static func sectionEnd(_ name: String, time: Int) -> String {
        "\u{1B}[0Ksection_end:\(time):\(name)\r\u{1B}[0K"
    }
}
