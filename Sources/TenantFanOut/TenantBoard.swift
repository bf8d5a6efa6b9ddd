import CloudFront

/// The shared state of a fan-out: which job needs what next, and the counts. Workers ask it for the next step and
/// tell it what happened; everything else reads its progress.
public actor TenantBoard {
    /// A worker's next step.
    enum Step: Sendable {
        case create(Int, TenantJob)
        case poll(Int, TenantJob, String)
        case idle(until: Duration)
        case finished
    }

    private enum Phase: Sendable {
        case queued
        case creating
        case polling
        case done
    }

    private let jobs: [TenantJob]
    private let groups: [TenantGroup]
    private var phase: [Phase]
    private var results: [TenantResult]
    private var rounds: [UInt8]
    /// When each job's invalidation was created: polls back off in proportion to its age.
    private var createdAt: [Duration]
    /// Jobs waiting to be created, in order; requeued ones carry the earliest time they may go.
    private var createQueue: [(index: Int, notBefore: Duration)]
    private var createHead = 0
    private var requeued: [(index: Int, notBefore: Duration)] = []
    private var polls = DueQueue()
    private var remaining: Int
    private var fatal: TenantFailure?
    /// Groups whose deadline has passed and whose waiting jobs were retired.
    private var expired: Set<Int> = []
    private(set) var counts = Counts()

    /// Running totals.
    struct Counts: Sendable, Equatable {
        var created = 0
        var completed = 0
        var failed = 0
        var alreadyDone = 0
    }

    public init(jobs: [TenantJob], groups: [TenantGroup]) {
        self.jobs = jobs
        self.groups = groups
        phase = Array(repeating: .queued, count: jobs.count)
        results = jobs.map { TenantResult(job: $0, state: .notSent, invalidation: nil, alreadyDone: false) }
        rounds = Array(repeating: 0, count: jobs.count)
        createdAt = Array(repeating: .zero, count: jobs.count)
        createQueue = jobs.indices.map { ($0, .zero) }
        remaining = jobs.count
    }

    /// The live counts, for progress lines.
    public func progress(elapsedSeconds: Double, rate: Double, requests: Int, throttled: Int) -> TenantProgress {
        TenantProgress(
            total: jobs.count, created: counts.created, completed: counts.completed, failed: counts.failed,
            alreadyDone: counts.alreadyDone, elapsedSeconds: elapsedSeconds, rate: rate, requests: requests,
            throttled: throttled, waits: groups.contains { $0.wait })
    }

    /// True once every job has its final state.
    public var isFinished: Bool { remaining == 0 || fatal != nil }

    func next(at now: Duration) -> Step {
        if remaining == 0 || fatal != nil { return .finished }
        retireExpired(at: now)
        if remaining == 0 { return .finished }
        requeued.removeAll { phase[$0.index] != .queued }
        if let position = requeued.firstIndex(where: { $0.notBefore <= now }) {
            let index = requeued.remove(at: position).index
            phase[index] = .creating
            return .create(index, jobs[index])
        }
        while createHead < createQueue.count {
            let index = createQueue[createHead].index
            createHead += 1
            guard phase[index] == .queued else { continue }
            phase[index] = .creating
            return .create(index, jobs[index])
        }
        if let (index, due) = polls.peek(), due <= now {
            polls.pop()
            guard phase[index] == .polling, let id = results[index].invalidation?.id else { return next(at: now) }
            return .poll(index, jobs[index], id)
        }
        var wake = polls.peek()?.due
        for item in requeued { wake = min(wake ?? item.notBefore, item.notBefore) }
        let nextDeadline = groups.map(\.deadline).filter { $0 > now }.min()
        if let deadline = nextDeadline { wake = min(wake ?? deadline, deadline) }
        // Nothing due and nothing in flight can change that only when workers are busy elsewhere: wait a little.
        return .idle(until: min(wake ?? now + .seconds(1), now + .seconds(1)))
    }

    func created(
        _ index: Int, _ invalidation: Invalidation, alreadyDone: Bool, at now: Duration, start: Duration,
        schedule: TenantFanOut.Schedule
    ) {
        guard phase[index] == .creating else { return }
        counts.created += 1
        var invalidation = invalidation
        // The group holds the paths; thousands of echoed copies would only cost memory.
        invalidation.paths = []
        results[index].invalidation = invalidation
        results[index].alreadyDone = alreadyDone
        let group = groups[jobs[index].group]
        if group.wait && !alreadyDone && expired.contains(jobs[index].group) {
            return finish(index, .inProgress, elapsed: nil)
        }
        if alreadyDone || !group.wait {
            if alreadyDone { counts.alreadyDone += 1 }
            if group.wait || alreadyDone { counts.completed += 1 }
            finish(index, alreadyDone || group.wait ? .completed : .created, elapsed: (now - start).seconds)
            return
        }
        phase[index] = .polling
        results[index].state = .inProgress
        createdAt[index] = now
        polls.push(index, due: now + schedule.firstPoll)
    }

    func createFailed(_ index: Int, _ failure: TenantFailure, at now: Duration, schedule: TenantFanOut.Schedule) {
        guard phase[index] == .creating else { return }
        if expired.contains(jobs[index].group) && (failure.kind == .busy || failure.kind == .retryable) {
            return finish(index, .notSent, elapsed: nil)
        }
        switch failure.kind {
        case .fatal:
            fatal = failure
            fail(index, failure)
        case .permanent:
            fail(index, failure)
        case .busy:
            phase[index] = .queued
            requeued.append((index, now + schedule.busyDelay))
        case .retryable:
            rounds[index] &+= 1
            guard Int(rounds[index]) < schedule.maxRounds else { return fail(index, failure) }
            let exponent = min(Int(rounds[index]) - 1, 16)
            let delay = min(schedule.maxRetryDelay, schedule.retryBase * (1 << exponent))
            phase[index] = .queued
            requeued.append((index, now + delay))
        }
    }

    func polled(
        _ index: Int, status: InvalidationStatus, at now: Duration, start: Duration, schedule: TenantFanOut.Schedule
    ) {
        guard phase[index] == .polling else { return }
        if status.isCompleted {
            counts.completed += 1
            results[index].invalidation?.status = status
            finish(index, .completed, elapsed: (now - start).seconds)
            return
        }
        polls.push(index, due: now + Self.pollDelay(age: now - createdAt[index], schedule: schedule))
    }

    func pollFailed(_ index: Int, _ failure: TenantFailure, at now: Duration, schedule: TenantFanOut.Schedule) {
        guard phase[index] == .polling else { return }
        switch failure.kind {
        case .fatal:
            fatal = failure
            fail(index, failure)
        case .permanent:
            fail(index, failure)
        case .retryable, .busy:
            polls.push(index, due: now + Self.pollDelay(age: now - createdAt[index], schedule: schedule))
        }
    }

    /// The wait before polling again an invalidation still InProgress at `age`: a quarter of its age, between
    /// `firstPoll` and `maxPollInterval`. Young invalidations are checked often, old ones rarely (scale-free, where
    /// doubling from a fixed start overshoots by up to the whole last interval).
    static func pollDelay(age: Duration, schedule: TenantFanOut.Schedule) -> Duration {
        min(schedule.maxPollInterval, max(schedule.firstPoll, age / 4))
    }

    func outcome(interrupted: Bool) -> TenantFanOut.Outcome {
        TenantFanOut.Outcome(results: results, fatal: fatal, interrupted: interrupted)
    }

    /// Jobs whose group's deadline has passed keep the state they reached: InProgress, or not sent.
    private func retireExpired(at now: Duration) {
        let passed = groups.indices.filter { groups[$0].deadline <= now && !expired.contains($0) }
        guard !passed.isEmpty else { return }
        expired.formUnion(passed)
        // Once per group: jobs still being created finish through `created`/`createFailed`, which see `expired`.
        for index in jobs.indices where passed.contains(jobs[index].group) {
            guard phase[index] == .queued || phase[index] == .polling else { continue }
            phase[index] = .done
            remaining -= 1
        }
        polls.removeAll { phase[$0] == .done }
    }

    private func fail(_ index: Int, _ failure: TenantFailure) {
        counts.failed += 1
        finish(index, .failed(failure), elapsed: nil)
    }

    private func finish(_ index: Int, _ state: TenantResult.State, elapsed: Double?) {
        phase[index] = .done
        results[index].state = state
        results[index].elapsedSeconds = elapsed
        remaining -= 1
    }
}

/// A binary min-heap of (job, due time): the poll due first comes out first, so with the rate saturated the
/// tenants are polled round-robin.
struct DueQueue: Sendable {
    private var heap: [(index: Int, due: Duration)] = []

    var isEmpty: Bool { heap.isEmpty }

    func peek() -> (index: Int, due: Duration)? { heap.first }

    mutating func push(_ index: Int, due: Duration) {
        heap.append((index, due))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].due < heap[parent].due else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    @discardableResult
    mutating func pop() -> (index: Int, due: Duration)? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let top = heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count && heap[left].due < heap[smallest].due { smallest = left }
            if right < heap.count && heap[right].due < heap[smallest].due { smallest = right }
            guard smallest != parent else { break }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
        return top
    }

    mutating func removeAll(where shouldRemove: (Int) -> Bool) {
        let kept = heap.filter { !shouldRemove($0.index) }
        heap = []
        for item in kept { push(item.index, due: item.due) }
    }
}

extension Duration {
    /// The duration in seconds as a `Double`.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
