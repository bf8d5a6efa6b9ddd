import CloudFront
import Reporting
import Testing

@Suite("Result document")
struct ResultDocumentTests {
    @Test("Keys and shapes as the contract shows")
    func contractShape() {
        let entry = ResultDocument.Entry(
            target: .distribution("E1"), id: "I1", status: "Completed", callerReference: "ref", paths: ["/index.html"],
            createTime: "2026-11-21T10:00:00Z", elapsedSeconds: 41.23)
        let document = ResultDocument(
            dryRun: false, exitCode: 0, invalidations: [entry], billablePaths: 1,
            plannedBillablePaths: 1)
        #expect(
            document.json.rendered()
                == #"{"dry_run":false,"exit_code":0,"invalidations":[{"distribution_id":"E1","tenant_id":null,"id":"I1","status":"Completed","caller_reference":"ref","paths":["/index.html"],"create_time":"2026-11-21T10:00:00Z","elapsed_seconds":41.2}],"billable_paths":1,"planned_billable_paths":1}"#
        )
    }

    @Test("Strings are escaped")
    func escaping() {
        #expect(JSONValue.string("a\"b\\c\nd\u{1}é").rendered() == #""a\"b\\c\nd\u0001é""#)
    }
}
