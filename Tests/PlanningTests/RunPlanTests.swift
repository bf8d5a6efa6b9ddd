import CloudFront
import Configuration
import Planning
import Testing

/// Per-target plans and per-target wait policies in one run.
@Suite("Run plans of several targets")
struct RunPlanTests {
    @Test("Each target gets its own normalised paths, batches and wait policy")
    func perTargetPlan() throws {
        let inputs = ResolvedInputs(targets: [
            TargetInputs(
                distributionID: "E1", paths: ["index.html", "/assets/*", "/assets/app.js"], pathsSource: "ci.yml",
                wait: true, timeoutSeconds: 1200),
            TargetInputs(
                tenantID: "dt_1", paths: (0..<3_500).map { "/f\($0)" }, pathsSource: "ci.yml", wait: true,
                timeoutSeconds: 90, onTimeout: .warn),
            TargetInputs(distributionID: "E3", paths: ["/"], pathsSource: "ci.yml"),
        ])
        let plan = try RunPlan.make(inputs: inputs, rootEntries: [], workingDirectoryEntries: [])
        #expect(plan.targets.map(\.target) == [.distribution("E1"), .tenant("dt_1"), .distribution("E3")])
        #expect(plan.targets[0].paths == ["/index.html", "/assets/*"], "leading / added, covered path dropped")
        #expect(plan.targets[1].batches.count == 2)
        #expect(plan.billablePaths == 2 + 3_500 + 1)
        #expect(
            plan.targets.map(\.waitPolicy) == [
                "distribution E1: waits up to 20m for Completed, then fails (exit 124)",
                "tenant dt_1: waits up to 1m30s for Completed, then warns (exit 0)",
                "distribution E3: does not wait for Completed (--wait to wait)",
            ])
        #expect(plan.notices.count == 2)
    }

    @Test("Every target's path problems are reported together")
    func problemsCollected() {
        let inputs = ResolvedInputs(targets: [
            TargetInputs(distributionID: "E1", paths: ["/a*b"], pathsSource: "ci.yml"),
            TargetInputs(distributionID: "E2", paths: [], pathsSource: "ci.yml", changeList: .init(fromGit: "A..B")),
        ])
        let error = #expect(throws: ConfigurationError.self) {
            try RunPlan.make(
                inputs: inputs, rootEntries: [], workingDirectoryEntries: [],
                planChangeList: { settings, _ throws(ConfigurationError) in
                    throw ConfigurationError(
                        location: "--from-git", message: "'\(settings.fromGit ?? "")' is not a commit range here.")
                })
        }
        #expect(error?.problems.count == 2)
        #expect(error?.problems.last?.location == "--from-git")
        #expect(error?.problems.last?.message.contains("A..B") == true)
    }
}
