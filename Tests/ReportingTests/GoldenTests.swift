import Foundation
import Synchronization
import Testing

@testable import Reporting

/// Every reporter's rendering of every scenario, compared with a committed golden file.
///
/// `RECORD_GOLDEN=1 swift test --filter GoldenTests` rewrites the files that drifted in the source tree and fails
/// for each one; review the diff, then run again without it (`scripts/test` refuses to run with it set).
/// Volatile values (GitLab section timestamps, the random `$GITHUB_OUTPUT` delimiter) are produced live and
/// normalised to `TIME` and `DELIM`; escape and carriage-return characters are shown as `\e` and `\r`.
@Suite("Golden logs")
struct GoldenTests {
    /// A rendering of a scenario: plain at normal and verbose verbosity, GitHub, GitLab, and the JSON document.
    enum Rendering: String, CaseIterable, Sendable {
        case plain, plainVerbose = "plain-verbose", plainQuiet = "plain-quiet", plainColour = "plain-colour"
        case github, gitlab, json
    }

    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden")

    @Test("Rendering matches the golden file", arguments: Scenario.allCases, Rendering.allCases)
    func golden(_ scenario: Scenario, _ rendering: Rendering) throws {
        let actual = Self.transcript(scenario, rendering)
        let name = "\(scenario.rawValue).\(rendering.rawValue).txt"
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            // A recording run never passes on drift: it rewrites the file and fails, so review comes first.
            let file = Self.goldenDirectory.appendingPathComponent(name)
            guard (try? String(contentsOf: file, encoding: .utf8)) != actual else { return }
            try actual.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("re-recorded \(name); review the diff and run again without RECORD_GOLDEN")
            return
        }
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Golden"),
            "missing golden file \(name); run with RECORD_GOLDEN=1 to record it")
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "\(name) drifted; run with RECORD_GOLDEN=1 and review the diff")
    }

    /// The log and every file written, in one text, volatile values normalised.
    static func transcript(_ scenario: Scenario, _ rendering: Rendering) -> String {
        if rendering == .json {
            for case .finished(let document) in scenario.events { return document.json.rendered() + "\n" }
            return ""
        }
        let output = RecordingOutput()
        let environment = [
            "GITHUB_OUTPUT": "/runner/output", "GITHUB_STEP_SUMMARY": "/runner/summary", "TERM": "xterm",
        ]
        let clock = Mutex(1_700_000_000)
        let reporter: any Reporter
        switch rendering {
        case .plain: reporter = output.reporter(.plain, environment: environment)
        case .plainVerbose: reporter = output.reporter(.plain, verbosity: .verbose, environment: environment)
        case .plainQuiet: reporter = output.reporter(.plain, verbosity: .quiet, environment: environment)
        case .plainColour: reporter = output.reporter(.plain, environment: environment, isTerminal: true)
        case .github:
            reporter = output.reporter(.github, environment: environment, delimiter: GitHubStepFiles.randomDelimiter)
        case .gitlab:
            reporter = output.reporter(
                .gitlab, environment: environment, dotenvPath: "build.env",
                epochSeconds: {
                    clock.withLock { value in
                        value += 7
                        return value
                    }
                })
        case .json: return ""
        }
        for event in scenario.events { reporter.report(event) }

        var text = "== log ==\n" + output.log + "\n"
        for path in ["/runner/output", "/runner/summary", "build.env"] {
            if let contents = output.file(path) { text += "== \(path) ==\n" + contents }
        }
        return normalise(text)
    }

    /// Timestamps and random delimiters replaced; invisible characters made visible.
    static func normalise(_ text: String) -> String {
        var result = text.replacingOccurrences(
            of: #"section_(start|end):[0-9]+:"#, with: "section_$1:TIME:", options: .regularExpression)
        result = result.replacingOccurrences(
            of: #"ghadelimiter_[0-9a-f]{32}"#, with: "DELIM", options: .regularExpression)
        return result.replacingOccurrences(of: "\u{1B}", with: "\\e").replacingOccurrences(of: "\r", with: "\\r")
    }

    @Test("Normalisation hides what changes between runs and nothing else")
    func normalisation() {
        #expect(Self.normalise("section_start:1700000007:x\r") == "section_start:TIME:x\\r")
        #expect(Self.normalise("ids<<ghadelimiter_0123456789abcdef0123456789abcdef") == "ids<<DELIM")
        #expect(Self.normalise("ghadelimiter_short") == "ghadelimiter_short")
    }
}
