import Configuration
import Testing

@Suite("CallerReference")
struct CallerReferenceTests {
    func make(
        _ environment: [String: String], paths: [String] = ["/a"], explicit: String? = nil, batch: Int = 0,
        of count: Int = 1
    ) -> String {
        CallerReference.make(
            explicit: explicit, target: "distribution E1", paths: paths, batchIndex: batch, batchCount: count,
            environment: environment, nonce: { "n0nce" })
    }

    @Test("GitHub: run ID and attempt, plus a hash of the batch")
    func github() {
        let environment = ["GITHUB_ACTIONS": "true", "GITHUB_RUN_ID": "123", "GITHUB_RUN_ATTEMPT": "2"]
        let reference = make(environment)
        #expect(reference.hasPrefix("cfi-gh-123-2-"))
        #expect(reference == make(environment), "stable for the same run and batch")
        #expect(reference != make(environment, paths: ["/b"]), "another batch gets another reference")
        #expect(make(environment) != make(environment.merging(["GITHUB_RUN_ATTEMPT": "3"]) { $1 }))
    }

    @Test("GitLab: the job ID")
    func gitlab() {
        #expect(make(["GITLAB_CI": "true", "CI_JOB_ID": "987"]).hasPrefix("cfi-gl-987-"))
    }

    @Test("Outside CI: the per-run nonce")
    func local() {
        #expect(make([:]).hasPrefix("cfi-local-n0nce-"))
    }

    @Test("An explicit reference is used, with a batch suffix when there are several batches")
    func explicit() {
        #expect(make([:], explicit: "deploy-42") == "deploy-42")
        #expect(make([:], explicit: "deploy-42", batch: 1, of: 3) == "deploy-42-2")
    }

    /// Explicit references are never shortened: too long ones are refused before planning (HostileInputTests).
    @Test("A derived reference is never longer than CloudFront's limit")
    func length() {
        let longRun = ["GITLAB_CI": "true", "CI_JOB_ID": String(repeating: "9", count: 200)]
        #expect(make(longRun).count <= 128)
    }
}
