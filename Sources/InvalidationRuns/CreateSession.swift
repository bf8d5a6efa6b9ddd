import CloudFront
import ExitCodes
import Reporting
import Resilience
import Waiting

/// One invalidation this run created.
struct CreatedInvalidation: Sendable {
    var target: InvalidationTarget
    var invalidation: Invalidation
    var callerReference: String
    var paths: [String]
    var elapsedSeconds: Double
}

/// What became of one target's batches.
struct TargetOutcome: Sendable {
    var created: [CreatedInvalidation] = []
    var unsent: [BatchSubmitter.Batch] = []
    var status: ExitStatus = .success
    var errorMessage: String?
    /// The failure that stopped submission (the batches after it are `unsent`).
    var failure: CloudFrontClientError?
    /// `TooManyInvalidationsInProgress` answers waited out.
    var roomRefusals = 0
    var interrupted = false
}

/// The shared pieces of a create run: submits batches, reports as it goes, builds the waiter.
struct CreateSession: Sendable {
    let client: CloudFrontClient
    let reporter: any Reporter
    let clock: any MonotonicClock
    let sleeper: any Sleeper
    let json: Bool
    /// The result channel: each ID goes there as soon as CloudFront accepts it (unless `--json`).
    let writeResult: @Sendable (String) -> Void

    /// Submits one target's batches; each ID is written to the result channel as soon as CloudFront accepts it,
    /// so an interrupted run still shows what it created.
    func submit(
        _ batches: [BatchSubmitter.Batch], to target: InvalidationTarget, deadline: Deadline
    ) async -> TargetOutcome {
        let start = clock.now()
        let count = batches.count
        let submitter = BatchSubmitter(
            create: { [client, reporter, json, writeResult] batch async throws(CloudFrontClientError) -> Invalidation in
                let invalidation = try await client.createInvalidation(
                    target: target, paths: batch.paths, callerReference: batch.callerReference)
                let index = (batches.firstIndex(of: batch) ?? 0) + 1
                reporter.report(.created(target: target, invalidation: invalidation, batch: index, batchCount: count))
                if !json { writeResult(invalidation.id) }
                return invalidation
            },
            waiter: waiter(), clock: clock, sleeper: sleeper,
            onWaitingForRoom: { [reporter] in reporter.report(.notice($0)) })
        var outcome = TargetOutcome()
        do {
            let result = try await submitter.submit(batches, to: target, deadline: deadline)
            outcome.created = result.created.map {
                CreatedInvalidation(
                    target: target, invalidation: $0.invalidation, callerReference: $0.batch.callerReference,
                    paths: $0.batch.paths, elapsedSeconds: ($0.createdAt - start).seconds)
            }
            outcome.unsent = result.unsent
            outcome.roomRefusals = result.roomRefusals
            outcome.failure = result.error
            if let error = result.error {
                outcome.status = ExitStatus.of(error)
                let message = error.explanation
                outcome.errorMessage = "\(target): \(message)"
                reporter.report(.failed(target: target, message: message))
            }
        } catch is CancellationError {
            outcome.interrupted = true
        } catch {
            outcome.status = .rejected
            outcome.errorMessage = "\(target): \(error)"
            reporter.report(.failed(target: target, message: "\(error)"))
        }
        return outcome
    }

    /// A waiter that polls through this run's client and reports status changes and heartbeats.
    func waiter() -> InvalidationWaiter {
        let client = self.client
        let reporter = self.reporter
        return InvalidationWaiter(
            source: .init(
                get: { pending in try await client.getInvalidation(target: pending.target, id: pending.id).status },
                listRecent: { target in
                    let page = try await client.listInvalidations(target: target, maxItems: 100)
                    return Dictionary(page.items.map { ($0.id, $0.status) }, uniquingKeysWith: { first, _ in first })
                }),
            clock: clock, sleeper: sleeper,
            heartbeatInterval: reporter.showsLiveProgress ? .seconds(1) : .seconds(60),
            onEvent: { event in
                switch event {
                case .statusChanged(let pending, let status, let elapsed):
                    reporter.report(
                        .statusChanged(
                            target: pending.target, id: pending.id, status: status, elapsedSeconds: elapsed.seconds))
                case .heartbeat(let elapsed, let completed, let total):
                    reporter.report(.heartbeat(elapsedSeconds: elapsed.seconds, completed: completed, total: total))
                }
            })
    }
}
