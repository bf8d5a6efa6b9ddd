import Foundation
import Synchronization

@testable import Reporting

/// Collects what a reporter writes: log blocks and file writes, in order, with no disk.
final class RecordingOutput: Sendable {
    /// One write: to the log, or to a file (appended or replaced).
    enum Write: Equatable {
        case log(String)
        case append(path: String, text: String)
        case replace(path: String, text: String)
    }

    private let writes = Mutex<[Write]>([])
    /// Paths whose writes fail, to exercise the warnings.
    let failingPaths: Set<String>

    init(failingPaths: Set<String> = []) {
        self.failingPaths = failingPaths
    }

    var all: [Write] { writes.withLock { $0 } }

    /// Every log line (blocks split at newlines).
    var logLines: [String] {
        all.flatMap { write -> [String] in
            if case .log(let text) = write { return text.components(separatedBy: "\n") }
            return []
        }
    }

    /// The text of the log, one line each.
    var log: String { logLines.joined(separator: "\n") }

    /// A file's contents after every write, as a disk would hold them.
    func file(_ path: String) -> String? {
        var contents: String?
        for write in all {
            switch write {
            case .append(path, let text): contents = (contents ?? "") + text
            case .replace(path, let text): contents = text
            default: break
            }
        }
        return contents
    }

    var writeLine: @Sendable (String) -> Void {
        { line in self.writes.withLock { $0.append(.log(line)) } }
    }

    var files: FileOutput {
        FileOutput(
            append: { path, text in
                if self.failingPaths.contains(path) { throw FakeFileError() }
                self.writes.withLock { $0.append(.append(path: path, text: text)) }
            },
            replace: { path, text in
                if self.failingPaths.contains(path) { throw FakeFileError() }
                self.writes.withLock { $0.append(.replace(path: path, text: text)) }
            })
    }

    /// A reporter for `format` writing here.
    func reporter(
        _ format: ReportFormat, verbosity: Verbosity = .normal, environment: [String: String] = [:],
        isTerminal: Bool = false, dotenvPath: String? = nil,
        epochSeconds: @escaping @Sendable () -> Int = { 1_700_000_000 },
        delimiter: @escaping @Sendable () -> String = { "ghadelimiter_TEST" }
    ) -> any Reporter {
        ReporterFactory.make(
            ReporterSettings(
                format: format, verbosity: verbosity, environment: environment, isTerminal: isTerminal,
                dotenvPath: dotenvPath, writeLine: writeLine, files: files, epochSeconds: epochSeconds,
                outputDelimiter: delimiter))
    }
}

/// A file write that fails.
struct FakeFileError: Error, CustomStringConvertible {
    var description: String { "permission denied" }
}

/// The runner's reading of a `$GITHUB_OUTPUT` file: `name=value` lines and `name<<DELIM` … `DELIM` blocks.
func parseGitHubOutput(_ text: String) throws -> [String: String] {
    var values: [String: String] = [:]
    var lines = text.components(separatedBy: "\n")[...]
    if lines.last == "" { lines.removeLast() }
    while let line = lines.popFirst() {
        if let range = line.range(of: "<<") {
            let name = String(line[..<range.lowerBound])
            let delimiter = String(line[range.upperBound...])
            var body: [String] = []
            var closed = false
            while let next = lines.popFirst() {
                if next == delimiter {
                    closed = true
                    break
                }
                body.append(next)
            }
            if !closed { throw FakeFileError() }
            values[name] = body.joined(separator: "\n")
        } else if let equals = line.firstIndex(of: "=") {
            values[String(line[..<equals])] = String(line[line.index(after: equals)...])
        } else {
            throw FakeFileError()
        }
    }
    return values
}
