import CloudFront

/// Readable, timestamp-free lines for a terminal or any CI without a richer format.
///
/// Colour (prefixes only) when the factory found stderr to be a terminal and `NO_COLOR` unset; otherwise not a single
/// escape code. User text is shown with control characters made visible.
public struct PlainReporter: Reporter {
    let verbosity: Verbosity
    let style: TerminalStyle
    let sink: LogSink
    let dotenv: DotenvFile?
    /// On a terminal, waiting progress is one line rewritten in place rather than a line a minute.
    public let showsLiveProgress: Bool

    /// `write` receives whole lines without the trailing newline; no colour, no dotenv file.
    public init(verbosity: Verbosity, write: @escaping @Sendable (String) -> Void, liveProgress: Bool = false) {
        self.init(
            verbosity: verbosity, style: .none, sink: LogSink(writeLine: write), dotenv: nil, liveProgress: liveProgress
        )
    }

    init(verbosity: Verbosity, style: TerminalStyle, sink: LogSink, dotenv: DotenvFile?, liveProgress: Bool = false) {
        self.verbosity = verbosity
        self.style = style
        self.sink = sink
        self.dotenv = dotenv
        self.showsLiveProgress = liveProgress
    }

    public func report(_ event: RunEvent) {
        switch event {
        case .planned(let plan):
            guard verbosity > .quiet else { return }
            sink.write(
                [TextSafety.visibleLine(EventText.planHeader(plan))] + EventText.planPaths(plan, verbosity: verbosity))
        case .heartbeat where showsLiveProgress, .progress where showsLiveProgress:
            guard let line = EventText.line(for: event, verbosity: verbosity) else { return }
            sink.writeLive(Self.lines(line, style: style).joined(separator: " "))
        case .finished(let document):
            let document = document.redacted(sink.redacted)
            if let problem = dotenv?.write(document, sink: sink) {
                sink.write(Self.lines(LogLine(level: .warning, label: "warning", text: problem), style: style))
            }
        default:
            guard let line = EventText.line(for: event, verbosity: verbosity) else { return }
            sink.write(Self.lines(line, style: style))
        }
    }

    public func mask(_ secret: String) {
        sink.register(secret: secret)
    }

    public func redact(_ text: String) -> String { sink.redacted(text) }

    /// `label: text`, split into visible lines; continuation lines are indented under the first.
    static func lines(_ line: LogLine, style: TerminalStyle) -> [String] {
        let parts = TextSafety.visibleLines(line.text)
        let prefix = line.label.map { style.paint($0 + ":", line.level) + " " } ?? ""
        let first = line.label == nil ? style.paint(parts[0], line.level) : prefix + parts[0]
        return [first] + parts.dropFirst().map { "  " + $0 }
    }
}
