import ExitCodes
import Testing

/// The exit-code table: the contract's numbers, the `--help` line derived from it, and severity apart from code order.
@Suite("Exit codes")
struct ExitStatusTests {
    @Test("The codes are the contract's, each once")
    func codes() {
        #expect(ExitStatus.allCases.map(\.code) == [0, 1, 64, 69, 77, 124, 130, 143])
        for status in ExitStatus.allCases { #expect(ExitStatus(code: status.code) == status) }
        #expect(ExitStatus(code: 2) == nil)
    }

    @Test("The --help line is derived from the table, codes sharing a meaning together")
    func summary() {
        #expect(
            ExitStatus.summary
                == "Exit codes: 0 success; 1 rejected by CloudFront; 64 usage or configuration error (nothing sent); "
                + "69 CloudFront or the network unavailable after retries; 77 credentials or access denied; "
                + "124 --wait timed out; 130/143 interrupted.")
    }

    @Test("Combining goes by severity, not by code: a rejection (1) outweighs a timeout (124)")
    func severity() {
        #expect(ExitStatus.worst([.timedOut, .rejected]) == .rejected)
        #expect(ExitStatus.worst([.success, .timedOut]) == .timedOut)
        #expect(ExitStatus.worst([.usage, .interrupted, .credentials]) == .interrupted)
        #expect(ExitStatus.worst([]) == .success)
        #expect(ExitStatus.unavailable.worsened(by: .rejected) == .unavailable)
        #expect(ExitStatus.terminated.worsened(by: .interrupted) == .terminated, "the first signal's code stays")
    }

    @Test("Each target's outcome names its code")
    func targetOutcome() {
        #expect(ExitStatus.success.targetOutcome == "succeeded")
        #expect(ExitStatus.timedOut.targetOutcome == "timed out waiting (exit 124)")
        #expect(ExitStatus.terminated.targetOutcome == "was interrupted (exit 143)")
    }
}
