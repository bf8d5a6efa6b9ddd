import SigV4
import Synchronization
import TextTrimming

/// The one place a reporter's text leaves it: writes whole lines under a lock and replaces registered secrets.
///
/// Targets run concurrently, so every write of a reporter goes through one `Mutex`: a multi-line block (a group, a
/// section) is written by one call and can't be split by another target's line. Secrets registered with `mask` are
/// replaced by `***` in every line and every file text that passes through here, whatever the format.
final class LogSink: Sendable {
    /// Secrets shorter than this are neither masked nor redacted (as in `Credentials.SecretSink`): masking `1` would
    /// blank the log and protect nothing. (AWS secret keys are 40 characters; session and OIDC tokens are hundreds.)
    static let shortestRedacted = 8

    private struct State {
        var secrets: [String] = []
        var counter = 0
        /// The last thing written was a live progress line, which the next live line replaces.
        var liveLineShown = false
    }

    private let state = Mutex(State())
    private let writeLine: @Sendable (String) -> Void

    /// `writeLine` receives text without a trailing newline (one or more lines joined by `\n`) and writes it at once.
    init(writeLine: @escaping @Sendable (String) -> Void) {
        self.writeLine = writeLine
    }

    /// Registers a secret; returns false when it is too short, or already known (nothing to announce).
    @discardableResult
    ///
    /// Each line of a multi-line secret is registered too: text that reaches the log line by line is still caught.
    func register(secret: String) -> Bool {
        let lines = TextSafety.visibleLines(secret).map { $0.trimmingASCIIWhitespace() }
        let values = ([secret] + (lines.count > 1 ? lines : [])).filter {
            $0.trimmingASCIIWhitespace().count >= Self.shortestRedacted
        }
        guard !values.isEmpty else { return false }
        return state.withLock { state in
            // Compared as bytes: String equality is canonical equivalence, and masking is byte-exact.
            let new = values.filter { value in !state.secrets.contains { $0.utf8.elementsEqual(value.utf8) } }
            if new.isEmpty { return false }
            state.secrets += new
            // Longest first, so a secret containing another is replaced whole.
            state.secrets.sort { $0.utf8.count > $1.utf8.count }
            return true
        }
    }

    /// Writes `lines` as one block (nothing when empty), secrets replaced.
    func write(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        state.withLock { state in
            writeLine(Self.redact(lines.joined(separator: "\n"), secrets: state.secrets))
            state.liveLineShown = false
        }
    }

    /// Writes a progress line that replaces the previous one when nothing was written in between (cursor up one line
    /// and erase it: ECMA-48 CUU and EL), so a terminal shows a single live line. Only for terminals.
    func writeLive(_ line: String) {
        state.withLock { state in
            let replace = state.liveLineShown ? "\u{1B}[1A\u{1B}[2K" : ""
            writeLine(replace + Self.redact(line, secrets: state.secrets))
            state.liveLineShown = true
        }
    }

    /// Writes `line` verbatim, without redaction: only for `::add-mask::`, whose whole point is to carry the secret
    /// to the runner (which consumes the line and never echoes it).
    func writeUnredacted(_ line: String) {
        state.withLock { _ in writeLine(line) }
    }

    /// `text` with every registered secret replaced by `***`.
    func redacted(_ text: String) -> String {
        state.withLock { Self.redact(text, secrets: $0.secrets) }
    }

    /// A number unique within this sink (GitLab section names), taken under the lock.
    func nextNumber() -> Int {
        state.withLock { state in
            state.counter += 1
            return state.counter
        }
    }

    /// The shared redaction (``Redaction``): secrets masked on bytes, signing material scrubbed.
    private static func redact(_ text: String, secrets: [String]) -> String {
        Redaction.redact(text, secrets: secrets)
    }
}
