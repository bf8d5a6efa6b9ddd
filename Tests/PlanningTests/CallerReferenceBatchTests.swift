import Configuration
import Testing

@testable import Planning

/// Issue 13 item 9: an explicit caller reference is never shortened to fit the batch suffix.
@Suite("Caller reference and batches")
struct CallerReferenceBatchTests {
    @Test("An explicit reference that leaves no room for the batch suffix is refused in the plan")
    func callerReferenceBatchSuffix() {
        let inputs = ResolvedInputs(targets: [
            TargetInputs(
                distributionID: "E1", paths: (0..<3_001).map { "/f\($0)" }, pathsSource: "ci.yml",
                callerReference: String(repeating: "r", count: 127))
        ])
        let error = #expect(throws: ConfigurationError.self) {
            try RunPlan.make(inputs: inputs, rootEntries: [], workingDirectoryEntries: [])
        }
        #expect(error?.description.contains("shorten the reference to 126 characters") == true)
        #expect(
            CallerReference.make(
                explicit: "deploy", target: "E1", paths: [], batchIndex: 1, batchCount: 2, environment: [:],
                nonce: { "" }) == "deploy-2")
    }
}
