import CloudFront
import Resilience
import Synchronization
import TestSupport
import Testing
import Waiting

@Suite("Waiting loop")
struct InvalidationWaiterTests {
    /// A fake CloudFront where each invalidation completes at a given clock time.
    final class Scenario: Sendable {
        let time: ManualTime
        let completesAt: [String: Duration]
        let calls = Mutex<(gets: Int, lists: Int)>((0, 0))

        init(time: ManualTime, completesAt: [String: Duration]) {
            self.time = time
            self.completesAt = completesAt
        }

        func status(_ id: String) -> InvalidationStatus {
            time.now() >= completesAt[id, default: .seconds(1_000_000)] ? .completed : .inProgress
        }

        var source: InvalidationWaiter.StatusSource {
            .init(
                get: { pending in
                    self.calls.withLock { $0.gets += 1 }
                    return self.status(pending.id)
                },
                listRecent: { _ in
                    self.calls.withLock { $0.lists += 1 }
                    return Dictionary(uniqueKeysWithValues: self.completesAt.keys.map { ($0, self.status($0)) })
                })
        }
    }

    let target = InvalidationTarget.distribution("E1")

    @Test("Detects completion within one interval and reports each status change once")
    func completes() async throws {
        let time = ManualTime()
        let scenario = Scenario(time: time, completesAt: ["I1": .milliseconds(4500)])
        let events = Mutex<[WaitEvent]>([])
        let waiter = InvalidationWaiter(
            source: scenario.source, clock: time, sleeper: time,
            onEvent: { event in events.withLock { $0.append(event) } })
        let pending = PendingInvalidation(target: target, id: "I1")
        let outcome = try await waiter.wait(
            for: [pending], startedAt: .zero, deadline: Deadline(start: .zero, timeout: .seconds(60)))
        #expect(!outcome.timedOut)
        #expect(outcome.completed[pending] == .milliseconds(4600), "checks at 1, 2.8, 4.6 s")
        #expect(time.sleeps == [.seconds(1), .milliseconds(1800), .milliseconds(1800)])
        let changes = events.withLock { $0 }.filter {
            if case .statusChanged = $0 { return true } else { return false }
        }
        #expect(changes.count == 2, "InProgress once, then Completed")
    }

    @Test("Times out at the deadline with the invalidation still in progress, without sleeping past it")
    func timesOut() async throws {
        let time = ManualTime()
        let scenario = Scenario(time: time, completesAt: ["I1": .seconds(3600)])
        let waiter = InvalidationWaiter(source: scenario.source, clock: time, sleeper: time)
        let pending = PendingInvalidation(target: target, id: "I1")
        let outcome = try await waiter.wait(
            for: [pending], startedAt: .zero, deadline: Deadline(start: .zero, timeout: .seconds(90)))
        #expect(outcome.timedOut)
        #expect(outcome.inProgress == [pending])
        #expect(time.now() == .seconds(90))
    }

    @Test("Several invalidations of one distribution are polled with one list call per round")
    func listForMany() async throws {
        let time = ManualTime()
        let scenario = Scenario(
            time: time, completesAt: ["I1": .seconds(3), "I2": .milliseconds(6300), "I3": .milliseconds(6300)])
        let waiter = InvalidationWaiter(source: scenario.source, clock: time, sleeper: time)
        let pending = ["I1", "I2", "I3"].map { PendingInvalidation(target: target, id: $0) }
        let outcome = try await waiter.wait(
            for: pending, startedAt: .zero, deadline: Deadline(start: .zero, timeout: .seconds(60)))
        #expect(outcome.completed.count == 3)
        let calls = scenario.calls.withLock { $0 }
        #expect(calls.lists == 4, "rounds at 1, 2.8, 4.6, 6.4 s")
        #expect(calls.gets == 0)
    }

    @Test("A heartbeat at most once a minute")
    func heartbeat() async throws {
        let time = ManualTime()
        let scenario = Scenario(time: time, completesAt: ["I1": .seconds(300)])
        let heartbeats = Mutex(0)
        let waiter = InvalidationWaiter(
            source: scenario.source, clock: time, sleeper: time,
            onEvent: { event in
                if case .heartbeat = event { heartbeats.withLock { $0 += 1 } }
            })
        _ = try await waiter.wait(
            for: [PendingInvalidation(target: target, id: "I1")], startedAt: .zero,
            deadline: Deadline(start: .zero, timeout: .seconds(600)))
        #expect((4...5).contains(heartbeats.withLock { $0 }))
    }

    @Test("Cancellation stops the wait at once")
    func cancelled() async {
        let time = ManualTime()
        let scenario = Scenario(time: time, completesAt: [:])
        let waiter = InvalidationWaiter(source: scenario.source, clock: time, sleeper: time)
        let task = Task {
            try await waiter.wait(
                for: [PendingInvalidation(target: target, id: "I1")], startedAt: .zero,
                deadline: Deadline(start: .zero, timeout: .seconds(600)))
        }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }
}
