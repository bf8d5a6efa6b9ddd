import CloudFront
import Testing
import Waiting

@testable import InvalidationRuns

/// Issue 13 item 12: the log says what happened to batches that were not sent.
@Suite("Unsent batches")
struct UnsentMessageTests {
    func outcome(unsent: Int, failure: CloudFrontClientError?, refusals: Int = 0) -> TargetOutcome {
        var outcome = TargetOutcome()
        outcome.unsent = (0..<unsent).map { BatchSubmitter.Batch(paths: ["/\($0)"], callerReference: "r\($0)") }
        outcome.failure = failure
        outcome.roomRefusals = refusals
        return outcome
    }

    @Test("Throttled until retries ran out: says so, not that in-progress limits stayed full")
    func throttled() {
        let failure = CloudFrontClientError.service(
            .init(service: "CloudFront", status: 400, code: "Throttling"), attempts: 5)
        let message = CreateRun.unsentMessage(
            outcome(unsent: 2, failure: failure), batchCount: 3, timeoutSeconds: 1800)
        #expect(
            message.hasPrefix("2 of 3 batch(es) were not sent: batch 1 failed, CloudFront answered Throttling 5 times"))
        #expect(!message.contains("in-progress limits"))
        #expect(!message.contains("30m"))
    }

    @Test("Service unavailable and unreachable are named too")
    func unavailable() {
        let unavailable = CloudFrontClientError.service(
            .init(service: "CloudFront", status: 503, code: "ServiceUnavailable"), attempts: 5)
        #expect(
            CreateRun.unsentMessage(outcome(unsent: 1, failure: unavailable), batchCount: 3, timeoutSeconds: 60)
                .contains("batch 2 failed, CloudFront answered ServiceUnavailable 5 times"))
    }

    @Test("The time limit with TooManyInvalidationsInProgress answers says how many there were")
    func roomNeverCame() {
        let message = CreateRun.unsentMessage(
            outcome(unsent: 2, failure: nil, refusals: 7), batchCount: 2, timeoutSeconds: 1800)
        #expect(message.contains("before the 30m limit: CloudFront answered TooManyInvalidationsInProgress 7 time(s)"))
    }

    @Test("The time limit while this run's own batches were in progress says that")
    func ownBatches() {
        let message = CreateRun.unsentMessage(outcome(unsent: 1, failure: nil), batchCount: 3, timeoutSeconds: 600)
        #expect(message.contains("before the 10m limit: this run's earlier batches were still in progress"))
    }
}
