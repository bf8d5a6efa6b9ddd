import CloudFront
import Resilience
import Synchronization
import TestSupport
import Testing
import Waiting

/// Issue 13 item 12: the submitter says why batches stayed unsent, so the log can say what happened.
@Suite("Batch submitter outcomes")
struct BatchSubmitterOutcomeTests {
    let target = InvalidationTarget.distribution("E1")
    let batches = (1...3).map { BatchSubmitter.Batch(paths: ["/b\($0)"], callerReference: "r\($0)") }

    func submitter(
        time: ManualTime,
        answer: @escaping @Sendable (BatchSubmitter.Batch) throws(CloudFrontClientError) -> Invalidation
    ) -> BatchSubmitter {
        let waiter = InvalidationWaiter(
            source: .init(get: { _ in .completed }, listRecent: { _ in [:] }), clock: time, sleeper: time)
        return BatchSubmitter(
            create: { batch async throws(CloudFrontClientError) -> Invalidation in try answer(batch) }, waiter: waiter,
            clock: time, sleeper: time)
    }

    @Test("A failure stops submission: the failure is kept and no room refusal is counted")
    func failureStops() async throws {
        let time = ManualTime()
        let throttled = CloudFrontClientError.service(
            .init(service: "CloudFront", status: 400, code: "Throttling"), attempts: 5)
        let outcome = try await submitter(time: time) { _ throws(CloudFrontClientError) in throw throttled }
            .submit(batches, to: target, deadline: Deadline(start: .zero, timeout: .seconds(1800)))
        #expect(outcome.created.isEmpty)
        #expect(outcome.unsent.count == 2)
        #expect(outcome.error != nil)
        #expect(outcome.roomRefusals == 0)
    }

    @Test("TooManyInvalidationsInProgress until the deadline: unsent, no failure, refusals counted")
    func roomNeverCame() async throws {
        let time = ManualTime()
        let full = CloudFrontClientError.service(
            .init(service: "CloudFront", status: 400, code: "TooManyInvalidationsInProgress"), attempts: 1)
        let outcome = try await submitter(time: time) { _ throws(CloudFrontClientError) in throw full }
            .submit(batches, to: target, deadline: Deadline(start: .zero, timeout: .seconds(60)))
        #expect(outcome.unsent.count == 3)
        #expect(outcome.error == nil)
        #expect(outcome.roomRefusals > 1)
    }
}
