import CloudFront
import Resilience
import Waiting

/// Creates one invalidation per tenant job and waits for them, all within one request rate (the transport's gate):
/// `concurrency` workers take, in order of preference, the next create, then the poll due first (round-robin: the
/// tenant polled longest ago first), else sleep until one is due. A tenant is polled no more once Completed.
///
/// Creates come first because every tenant needs one and an invalidation takes time: with N tenants created at
/// rate R, the first poll of each comes about N/R seconds after its create, so at scale nearly every first poll
/// already finds it Completed and the run needs close to 2·N requests, the least there is.
///
/// Failures stay with their tenant: retryable ones are tried again later (the CallerReference makes that safe),
/// permanent ones fail the tenant and the others go on; a fatal one stops the run.
public struct TenantFanOut: Sendable {
    /// The CloudFront calls, wrapped by the caller so their errors arrive classified.
    public struct Operations: Sendable {
        public var create:
            @Sendable (_ tenantID: String, _ paths: [String], _ callerReference: String)
                async throws(TenantFailure) -> Invalidation
        public var status:
            @Sendable (_ tenantID: String, _ invalidationID: String)
                async throws(TenantFailure) -> InvalidationStatus

        public init(
            create: @escaping @Sendable (String, [String], String) async throws(TenantFailure) -> Invalidation,
            status: @escaping @Sendable (String, String) async throws(TenantFailure) -> InvalidationStatus
        ) {
            self.create = create
            self.status = status
        }
    }

    /// Timing of polls and retries.
    public struct Schedule: Sendable, Equatable {
        /// First poll no sooner than this after a create (creates go first, so at scale it is later still).
        public var firstPoll: Duration = .seconds(2)
        /// Later polls back off by doubling up to this.
        public var maxPollInterval: Duration = .seconds(60)
        /// A retryable create failure waits `retryBase · 2^(round−1)`, up to `maxRetryDelay`.
        public var retryBase: Duration = .seconds(1)
        public var maxRetryDelay: Duration = .seconds(30)
        /// Rounds of retryable failures a tenant gets (each round is a client call with its own retries).
        public var maxRounds: Int = 6
        /// How long a tenant whose in-progress limit is full waits before trying again.
        public var busyDelay: Duration = .seconds(20)

        public init() {}
    }

    public let operations: Operations
    public let clock: any MonotonicClock
    public let sleeper: any Sleeper
    public var concurrency: Int
    public var schedule: Schedule
    /// Called once per job as soon as it is created (to print its ID at once).
    public var onCreated: @Sendable (TenantJob, Invalidation, _ alreadyDone: Bool) -> Void

    public init(
        operations: Operations, clock: any MonotonicClock, sleeper: any Sleeper, concurrency: Int = 16,
        schedule: Schedule = .init(),
        onCreated: @escaping @Sendable (TenantJob, Invalidation, Bool) -> Void = {
            _, _, _ in
        }
    ) {
        self.operations = operations
        self.clock = clock
        self.sleeper = sleeper
        self.concurrency = max(1, concurrency)
        self.schedule = schedule
        self.onCreated = onCreated
    }

    /// What the run produced: one result per job, in job order, and the fatal failure that stopped it, if any.
    public struct Outcome: Sendable {
        public var results: [TenantResult]
        public var fatal: TenantFailure?
        public var interrupted: Bool
    }

    /// Runs every job; `progress` reads the live counts (the caller reports them on its own schedule).
    public func run(_ jobs: [TenantJob], groups: [TenantGroup], startedAt start: Duration, board: TenantBoard) async
        -> Outcome
    {
        await withTaskGroup(of: Void.self) { workers in
            for _ in 0..<min(concurrency, max(jobs.count, 1)) {
                workers.addTask { await work(board: board, groups: groups, start: start) }
            }
        }
        return await board.outcome(interrupted: Task.isCancelled)
    }

    /// One worker: takes the next step until nothing is left.
    private func work(board: TenantBoard, groups: [TenantGroup], start: Duration) async {
        // Bounded: every step either retires a job, schedules a later step for it, or sleeps until a step is due;
        // jobs retire at their group's deadline at the latest.
        while !Task.isCancelled {
            let now = clock.now()
            switch await board.next(at: now) {
            case .finished:
                return
            case .idle(let until):
                do {
                    try await sleeper.sleep(for: max(.milliseconds(1), until - now))
                } catch {
                    return
                }
            case .create(let index, let job):
                let paths = groups[job.group].batches[job.batch]
                do throws(TenantFailure) {
                    let invalidation = try await operations.create(job.tenantID, paths, job.callerReference)
                    let alreadyDone = invalidation.status.isCompleted
                    onCreated(job, invalidation, alreadyDone)
                    await board.created(
                        index, invalidation, alreadyDone: alreadyDone, at: clock.now(), start: start,
                        schedule: schedule)
                } catch {
                    if Task.isCancelled { return }
                    await board.createFailed(index, error, at: clock.now(), schedule: schedule)
                }
            case .poll(let index, let job, let id):
                do throws(TenantFailure) {
                    let status = try await operations.status(job.tenantID, id)
                    await board.polled(index, status: status, at: clock.now(), start: start, schedule: schedule)
                } catch {
                    if Task.isCancelled { return }
                    await board.pollFailed(index, error, at: clock.now(), schedule: schedule)
                }
            }
        }
    }
}
