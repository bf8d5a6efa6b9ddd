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
        // Retries of a create stop at the target's time limit too.
        let client = self.client.limited(by: deadline)
        let submitter = BatchSubmitter(
            create: { [client, reporter, json, writeResult] batch async throws(CloudFrontClientError) -> Invalidation in
                let invalidation = try await client.createInvalidation(
                    target: target, paths: batch.paths, callerReference: batch.callerReference)
                let index = (batches.firstIndex(of: batch) ?? 0) + 1
                reporter.report(.created(target: target, invalidation: invalidation, batch: index, batchCount: count))
                if !json { writeResult(invalidation.id) }
                return invalidation
            },
            waiter: waiter(deadline: deadline), clock: clock, sleeper: sleeper,
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
            if case .cancelled? = result.error {
                // A signal abandoned the create in flight: the interruption itself is reported by the run; the
                // create may still have been made, so its CallerReference is worth showing.
                outcome.interrupted = true
                if let batch = result.failed,
                    let notice = Self.mayExistNotice(
                        .cancelled, target: target, callerReference: batch.callerReference, batchCount: count)
                {
                    reporter.report(.warning(notice))
                }
            } else if let error = result.error {
                outcome.status = ExitStatus.of(error)
                let message = error.explanation
                outcome.errorMessage = "\(target): \(message)"
                reporter.report(.failed(target: target, message: message))
                if let batch = result.failed,
                    let notice = Self.mayExistNotice(
                        error, target: target, callerReference: batch.callerReference, batchCount: count)
                {
                    reporter.report(.warning(notice))
                }
            }
        } catch is CancellationError {
            outcome.interrupted = true
        } catch CloudFrontClientError.cancelled {
            outcome.interrupted = true
        } catch {
            outcome.status = .rejected
            outcome.errorMessage = "\(target): \(error)"
            reporter.report(.failed(target: target, message: "\(error)"))
        }
        return outcome
    }

    /// When a create failed for want of an answer (exit 69, or abandoned by a signal) after something may have
    /// reached CloudFront, the invalidation may exist and be billed: say so, with its CallerReference and how to
    /// check, so a rerun outside CI does not pay twice. Nil when nothing can have been created.
    static func mayExistNotice(
        _ error: CloudFrontClientError, target: InvalidationTarget, callerReference: String, batchCount: Int
    ) -> String? {
        guard [.unavailable, .interrupted].contains(ExitStatus.of(error)) else { return nil }
        // One attempt that clearly did not create anything; after several, an earlier one may have.
        switch error {
        case .transport(let transport, let attempts) where attempts <= 1:
            if [.connect, .tls, .invalidRequest, .responseTooLarge].contains(transport.kind) { return nil }
        case .service(let service, let attempts) where attempts <= 1:
            if service.status < 500 { return nil }
        default:
            break
        }
        let flag =
            switch target {
            case .distribution(let id): "-d \(id)"
            case .tenant(let id): "--tenant-id \(id)"
            }
        let rerun =
            batchCount == 1
            ? " Run again with --caller-reference \(callerReference): CloudFront then answers with the invalidation "
                + "it already has instead of creating (and billing) a second one." : ""
        return "\(target): the invalidation may have been created even though no answer arrived (CallerReference "
            + "\(callerReference)). Check with `cloudfront-invalidate list \(flag)` before running again.\(rerun)"
    }

    /// A waiter that polls through this run's client and reports status changes and heartbeats; its retries stop
    /// at `deadline`.
    func waiter(deadline: Deadline? = nil) -> InvalidationWaiter {
        let client = self.client.limited(by: deadline)
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
