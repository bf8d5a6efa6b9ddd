import Configuration
import Testing

/// Pipeline-file problems carry their file, line and column as data, not only as text, so the GitHub reporter can
/// annotate the file in a pull request (issue 12).
@Suite("Pipeline-file problems carry their position")
struct PipelineFilePositionTests {
    static func problems(_ text: String, name: String = "site.yml") -> [ConfigurationError.Problem] {
        do {
            _ = try PipelineFile.parse(Array(text.utf8), name: name, environment: [:])
            return []
        } catch {
            return error.problems
        }
    }

    @Test("A wrong value: every problem has the position its location names")
    func decoderProblems() {
        let problems = Self.problems("wait: maybe\ntargets:\n  - distribution_id: E1\n    timeout: soon\n")
        #expect(problems.count == 2)
        #expect(
            problems.map(\.position) == [
                FilePosition(file: "site.yml", line: 1, column: 7), FilePosition(file: "site.yml", line: 4, column: 14),
            ])
        for problem in problems {
            let position = problem.position
            #expect(problem.location == "site.yml:\(position?.line ?? 0):\(position?.column ?? 0)")
        }
    }

    @Test("A YAML syntax error has its position too")
    func syntaxError() {
        let problems = Self.problems("targets:\n  - distribution_id: [E1\n")
        #expect(problems.count == 1)
        #expect(problems.first?.position?.file == "site.yml")
        #expect((problems.first?.position?.line ?? 0) >= 2)
    }
}
