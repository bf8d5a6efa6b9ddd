import Reporting
import Synchronization
import Testing

@Suite("Live progress line on a terminal")
struct LiveProgressTests {
    final class Lines: Sendable {
        private let stored = Mutex<[String]>([])
        var all: [String] { stored.withLock { $0 } }
        func append(_ line: String) { stored.withLock { $0.append(line) } }
    }

    static let replacePrevious = "\u{1B}[1A\u{1B}[2K"

    @Test("Each heartbeat replaces the previous one until another line is written")
    func rewritesInPlace() {
        let lines = Lines()
        let reporter = PlainReporter(verbosity: .normal, write: lines.append, liveProgress: true)
        #expect(reporter.showsLiveProgress)
        reporter.report(.heartbeat(elapsedSeconds: 3, completed: 0, total: 2))
        reporter.report(.heartbeat(elapsedSeconds: 5, completed: 1, total: 2))
        reporter.report(.notice("something else"))
        reporter.report(.heartbeat(elapsedSeconds: 7, completed: 1, total: 2))
        let written = lines.all
        #expect(written.count == 4)
        #expect(!written[0].hasPrefix(Self.replacePrevious))
        #expect(written[1].hasPrefix(Self.replacePrevious) && written[1].contains("1 of 2"))
        #expect(!written[2].hasPrefix(Self.replacePrevious))
        #expect(!written[3].hasPrefix(Self.replacePrevious), "a line written in between is never erased")
    }

    @Test("Off a terminal a heartbeat is an ordinary line without escape codes")
    func plainLines() {
        let lines = Lines()
        let reporter = PlainReporter(verbosity: .normal, write: lines.append)
        #expect(!reporter.showsLiveProgress)
        reporter.report(.heartbeat(elapsedSeconds: 61, completed: 0, total: 1))
        reporter.report(.heartbeat(elapsedSeconds: 122, completed: 0, total: 1))
        #expect(lines.all.count == 2)
        #expect(lines.all.allSatisfy { !$0.contains("\u{1B}") })
    }
}
