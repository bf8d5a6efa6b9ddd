import CloudFront
import Resilience

/// Submits one target's batches as CloudFront's in-progress limits allow.
///
/// CloudFront keeps at most 3,000 file paths and 15 wildcard paths in progress per distribution and answers
/// `TooManyInvalidationsInProgress` beyond that. Before a batch that would take this run's own in-progress
/// invalidations past a limit, the earlier ones are waited out; a `TooManyInvalidationsInProgress` (other
/// deploys' invalidations count too) is waited out and the same batch resent with the same CallerReference, so it
/// can never be created twice. Everything stops at the deadline.
public struct BatchSubmitter: Sendable {
    /// One batch to create, with its CallerReference.
    public struct Batch: Sendable, Equatable {
        public var paths: [String]
        public var callerReference: String

        public init(paths: [String], callerReference: String) {
            self.paths = paths
            self.callerReference = callerReference
        }

        var wildcardCount: Int { paths.filter { $0.hasSuffix("*") }.count }
        var fileCount: Int { paths.count - wildcardCount }
    }

    /// A created batch.
    public struct Created: Sendable, Equatable {
        public var batch: Batch
        public var invalidation: Invalidation
        /// Clock time of creation.
        public var createdAt: Duration
    }

    /// What happened to a target's batches.
    public struct Outcome: Sendable {
        public var created: [Created]
        /// Batches never accepted because the deadline passed while waiting for room.
        public var unsent: [Batch]
        /// The failure that stopped submission, if any.
        public var error: CloudFrontClientError?
        /// How many `TooManyInvalidationsInProgress` answers were waited out (to say why batches stayed unsent).
        public var roomRefusals = 0
        /// The batch whose create failed with `error` (it may still exist when its answer was lost).
        public var failed: Batch?
    }

    public var maxFilesInProgress: Int
    public var maxWildcardsInProgress: Int
    let create: @Sendable (Batch) async throws(CloudFrontClientError) -> Invalidation
    let waiter: InvalidationWaiter
    let clock: any MonotonicClock
    let sleeper: any Sleeper
    let onWaitingForRoom: @Sendable (String) -> Void

    public init(
        maxFilesInProgress: Int = 3000, maxWildcardsInProgress: Int = 15,
        create: @escaping @Sendable (Batch) async throws(CloudFrontClientError) -> Invalidation,
        waiter: InvalidationWaiter, clock: any MonotonicClock, sleeper: any Sleeper,
        onWaitingForRoom: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.maxFilesInProgress = maxFilesInProgress
        self.maxWildcardsInProgress = maxWildcardsInProgress
        self.create = create
        self.waiter = waiter
        self.clock = clock
        self.sleeper = sleeper
        self.onWaitingForRoom = onWaitingForRoom
    }

    /// The delay before resending a batch refused for lack of room: 5 s, doubling, at most 30 s.
    public static func roomRetryDelay(refusals: Int) -> Duration {
        .seconds(min(30, 5 << min(max(refusals - 1, 0), 3)))
    }

    /// Submits `batches` in order for `target`; cancellation is rethrown only between requests.
    public func submit(
        _ batches: [Batch], to target: InvalidationTarget, deadline: Deadline
    ) async throws -> Outcome {
        var created: [Created] = []
        var ownInProgress: [Created] = []
        var totalRefusals = 0
        func outcome(unsent: ArraySlice<Batch>, error: CloudFrontClientError?, failed: Batch? = nil) -> Outcome {
            Outcome(created: created, unsent: Array(unsent), error: error, roomRefusals: totalRefusals, failed: failed)
        }
        for (index, batch) in batches.enumerated() {
            let files = ownInProgress.reduce(0) { $0 + $1.batch.fileCount } + batch.fileCount
            let wildcards = ownInProgress.reduce(0) { $0 + $1.batch.wildcardCount } + batch.wildcardCount
            if !ownInProgress.isEmpty && (files > maxFilesInProgress || wildcards > maxWildcardsInProgress) {
                onWaitingForRoom(
                    "waiting for \(ownInProgress.count) earlier batch(es) to complete before batch \(index + 1) of "
                        + "\(batches.count) (CloudFront allows \(maxFilesInProgress) file paths and "
                        + "\(maxWildcardsInProgress) wildcards in progress)")
                let pending = ownInProgress.map { PendingInvalidation(target: target, id: $0.invalidation.id) }
                let waited = try await waiter.wait(
                    for: pending, startedAt: ownInProgress[0].createdAt, deadline: deadline)
                if waited.timedOut { return outcome(unsent: batches[index...], error: nil) }
                ownInProgress.removeAll()
            }
            var refusals = 0
            while true {
                do {
                    let invalidation = try await create(batch)
                    let record = Created(batch: batch, invalidation: invalidation, createdAt: clock.now())
                    created.append(record)
                    if !invalidation.status.isCompleted { ownInProgress.append(record) }
                    break
                } catch {
                    guard Self.isTooManyInProgress(error) else {
                        return outcome(unsent: batches[(index + 1)...], error: error, failed: batch)
                    }
                    refusals += 1
                    totalRefusals += 1
                    let now = clock.now()
                    guard !deadline.hasPassed(at: now) else {
                        return outcome(unsent: batches[index...], error: nil)
                    }
                    onWaitingForRoom(
                        "CloudFront has too many invalidations in progress for \(target); resending batch "
                            + "\(index + 1) of \(batches.count) with the same CallerReference")
                    try await sleeper.sleep(for: deadline.clamp(Self.roomRetryDelay(refusals: refusals), at: now))
                    // Bounded by the deadline; the count is a second guard (30 s apart for more than a day).
                    if refusals > 5000 {
                        return outcome(unsent: batches[index...], error: error)
                    }
                }
            }
        }
        return outcome(unsent: [], error: nil)
    }

    static func isTooManyInProgress(_ error: CloudFrontClientError) -> Bool {
        if case .service(let service, _) = error { return service.code == "TooManyInvalidationsInProgress" }
        return false
    }
}
