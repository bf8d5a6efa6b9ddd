import CloudFront
import Testing

@testable import Reporting

@Suite("Result document for CI outputs")
struct ResultDocumentCITests {
    static func document(dryRun: Bool = false, exitCode: Int32, statuses: [String?]) -> ResultDocument {
        ResultDocument(
            dryRun: dryRun, exitCode: exitCode,
            invalidations: statuses.enumerated().map { index, status in
                ResultDocument.Entry(
                    target: .distribution("E1"), id: dryRun ? nil : "I\(index)", status: status, callerReference: nil,
                    paths: ["/a"], createTime: nil, elapsedSeconds: nil)
            }, billablePaths: statuses.count)
    }

    @Test(
        "Overall status",
        arguments: [
            (false, Int32(0), ["Completed", "COMPLETED"], "Completed"),
            (false, 0, ["Completed", "InProgress"], "InProgress"),
            (false, 124, ["InProgress"], "InProgress"),
            (false, 1, ["Completed"], "Failed"),
            (false, 77, [], "Failed"),
            (false, 0, [], "NothingToInvalidate"),
            (false, 130, ["InProgress"], "Interrupted"),
            (true, 0, [nil], "DryRun"),
            (true, 64, [], "Failed"),
        ] as [(Bool, Int32, [String?], String)])
    func overall(_ dryRun: Bool, _ exitCode: Int32, _ statuses: [String?], _ expected: String) {
        #expect(Self.document(dryRun: dryRun, exitCode: exitCode, statuses: statuses).overallStatus == expected)
    }

    /// Issue 12: a run that created nothing reported the plan's count as `billable_paths`.
    @Test("Accepted and planned billable paths are both in the JSON, the outputs and the summary")
    func billableSplit() throws {
        let document = ResultDocument(
            dryRun: false, exitCode: 1, invalidations: [], billablePaths: 0, plannedBillablePaths: 3)
        #expect(
            document.json.rendered().contains(#""billable_paths":0,"planned_billable_paths":3"#),
            "\(document.json.rendered())")
        let outputs = try parseGitHubOutput(GitHubStepFiles.outputs(document, delimiter: { "D" }))
        #expect(outputs["billable-paths"] == "0" && outputs["planned-billable-paths"] == "3")
        #expect(GitHubStepFiles.summary(document).contains("0 billable paths accepted (3 planned)"))
        var dryRun = document
        dryRun.dryRun = true
        #expect(GitHubStepFiles.summary(dryRun).contains("3 billable paths planned"))
    }

    @Test("Console links only for distributions with plain IDs")
    func consoleURL() {
        func entry(_ target: InvalidationTarget, _ id: String?) -> ResultDocument.Entry {
            ResultDocument.Entry(
                target: target, id: id, status: nil, callerReference: nil, paths: [], createTime: nil,
                elapsedSeconds: nil)
        }
        #expect(
            entry(.distribution("E2EXAMPLE"), "I3ABC").consoleURL
                == "https://us-east-1.console.aws.amazon.com/cloudfront/v4/home#/distributions/E2EXAMPLE/invalidations/details/I3ABC"
        )
        #expect(entry(.tenant("dt_1"), "I3ABC").consoleURL == nil)
        #expect(entry(.distribution("E2"), nil).consoleURL == nil)
        #expect(entry(.distribution("E2)[x](y"), "I3").consoleURL == nil)
    }
}
