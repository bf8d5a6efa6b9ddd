import Resilience
import TestSupport
import Testing
import Transport

@Suite("Retry decisions")
struct RetryPolicyTests {
    let policy = RetryPolicy(maxAttempts: 5, baseDelay: .milliseconds(500), maxDelay: .seconds(20))

    @Test("Full jitter: the delay ceiling doubles per attempt and the random draw scales it")
    func fullJitterCeiling() {
        let ceilings = (1...4).map {
            policy.decision(afterAttempt: $0, failure: .serverError(status: 503), unitRandom: 0.999_999)
        }
        #expect(
            ceilings.map(\.delayMilliseconds) == [500, 1000, 2000, 4000],
            "ceilings should be 0.5 s · 2^(n-1)")
        let half = policy.decision(afterAttempt: 3, failure: .serverError(status: 503), unitRandom: 0.5)
        #expect(half.delayMilliseconds == 1000)
        let zero = policy.decision(afterAttempt: 3, failure: .serverError(status: 503), unitRandom: 0)
        #expect(zero == .retry(after: .zero))
    }

    @Test("The ceiling never exceeds maxDelay")
    func capped() {
        let decision = RetryPolicy(maxAttempts: 50).decision(
            afterAttempt: 40, failure: .transport(.reset), unitRandom: 0.999_999)
        #expect(decision.delayMilliseconds == 20_000)
    }

    @Test("Gives up after maxAttempts, whatever the failure")
    func attemptsExhausted() {
        #expect(
            policy.decision(afterAttempt: 5, failure: .throttled(retryAfter: nil), unitRandom: 0.1)
                == .giveUp(reason: .attemptsExhausted))
    }

    @Test(
        "Only throttling, 5xx, expired credentials and connect/timeout/reset are retried",
        arguments: [
            (FailureClass.throttled(retryAfter: nil), true),
            (.serverError(status: 502), true),
            (.transport(.connect), true),
            (.transport(.timeout), true),
            (.transport(.reset), true),
            (.transport(.tls), false),
            (.transport(.responseTooLarge), false),
            (.transport(.invalidRequest), false),
            (.permanent, false),
        ])
    func retryable(failure: FailureClass, retried: Bool) {
        let decision = policy.decision(afterAttempt: 1, failure: failure, unitRandom: 0.5)
        if retried {
            #expect(decision.delayMilliseconds != nil)
        } else {
            #expect(decision == .giveUp(reason: .notRetryable))
        }
    }

    @Test("Retry-After is a floor under the jittered delay, held at the backoff cap (issue 13 item 11)")
    func retryAfter() {
        let floor = policy.decision(afterAttempt: 1, failure: .throttled(retryAfter: .seconds(3)), unitRandom: 0.1)
        #expect(floor == .retry(after: .seconds(3)))
        let tooLong = policy.decision(
            afterAttempt: 1, failure: .throttled(retryAfter: .seconds(600)), unitRandom: 0.1)
        #expect(tooLong == .retry(after: .seconds(20)), "a 600 s Retry-After waits the 20 s backoff cap")
    }

    @Test("No retry whose delay would reach the deadline; one that ends before it is made")
    func deadline() {
        let throttled = FailureClass.throttled(retryAfter: .seconds(15))
        #expect(
            policy.decision(afterAttempt: 1, failure: throttled, unitRandom: 0.1, remaining: .seconds(10))
                == .giveUp(reason: .deadline))
        #expect(
            policy.decision(afterAttempt: 1, failure: throttled, unitRandom: 0.1, remaining: .seconds(16))
                == .retry(after: .seconds(15)))
        #expect(
            policy.decision(afterAttempt: 1, failure: .transport(.reset), unitRandom: 0.5, remaining: .zero)
                == .giveUp(reason: .deadline))
    }
}

@Suite("Retry-After parsing")
struct RetryAfterTests {
    @Test(
        "Enormous, infinite and overflowing values are held at the ceiling, never trapped on (issue 13 item 1)",
        arguments: [
            "1e300", "inf", "Infinity", "1e18", "9223372036854775", "9223372036854775808", " 86400 ",
            "7777777777777733003",  // the input scripts/fuzz found first (Tests/Fuzz/retry-after/corpus/crash-item-1)
        ])
    func huge(value: String) {
        #expect(RetryAfter.delay(value) == RetryAfter.ceiling)
    }

    @Test(
        "Seconds and fractions are read; negative, NaN and other forms are ignored",
        arguments: [
            ("3", Duration.seconds(3)), ("0.25", .milliseconds(250)), ("0", .zero), ("-1", nil), ("nan", nil),
            ("abc", nil), ("Wed, 21 Oct 2015 07:28:00 GMT", nil), ("", nil),
        ] as [(String, Duration?)])
    func values(value: String, expected: Duration?) {
        #expect(RetryAfter.delay(value) == expected)
    }
}

@Suite("Retrier loop")
struct RetrierTests {
    @Test("Applies the policy's delays through the sleeper and stops on success")
    func recordsDelays() async throws {
        let sleeper = RecordingSleeper()
        let retrier = Retrier(
            policy: RetryPolicy(maxAttempts: 5, baseDelay: .seconds(1)), sleeper: sleeper, random: FixedRandom(0.5))
        let counter = Counter()
        let value = try await retrier.run(classify: { _ in (.serverError(status: 503), "503") }) { attempt in
            counter.increment()
            if attempt < 3 { throw TransportError(.reset, "reset") }
            return attempt
        }
        #expect(value == 3)
        #expect(counter.value == 3)
        #expect(sleeper.delays == [.milliseconds(500), .seconds(1)])
    }

    @Test("Rethrows the last error after maxAttempts, having slept between each")
    func exhausts() async {
        let sleeper = RecordingSleeper()
        let retrier = Retrier(policy: RetryPolicy(maxAttempts: 3), sleeper: sleeper, random: FixedRandom(0))
        let counter = Counter()
        await #expect(throws: TransportError.self) {
            try await retrier.run(classify: { _ in (.transport(.connect), "refused") }) { _ -> Int in
                counter.increment()
                throw TransportError(.connect, "refused")
            }
        }
        #expect(counter.value == 3)
        #expect(sleeper.delays.count == 2)
    }

    @Test("Retries stop at the deadline: a 120 s Retry-After under a 10 s limit ends at once (issue 13 item 11)")
    func stopsAtDeadline() async {
        let time = ManualTime()
        let retrier = Retrier(
            policy: RetryPolicy(maxAttempts: 5), sleeper: time, random: FixedRandom(0.5), clock: time)
        let counter = Counter()
        await #expect(throws: TransportError.self) {
            try await retrier.run(
                deadline: Deadline(start: .zero, timeout: .seconds(10)),
                classify: { _ in (.throttled(retryAfter: .seconds(120)), "throttled") }
            ) { _ -> Int in
                counter.increment()
                throw TransportError(.other, "throttled")
            }
        }
        #expect(counter.value == 1, "the capped 20 s delay would end after the 10 s deadline")
        #expect(time.now() == .zero)

        let later = ManualTime()
        let counted = Counter()
        await #expect(throws: TransportError.self) {
            try await Retrier(
                policy: RetryPolicy(maxAttempts: 50), sleeper: later, random: FixedRandom(0.5), clock: later
            ).run(
                deadline: Deadline(start: .zero, timeout: .seconds(60)),
                classify: { _ in (.throttled(retryAfter: .seconds(120)), "throttled") }
            ) { _ -> Int in
                counted.increment()
                throw TransportError(.other, "throttled")
            }
        }
        #expect(counted.value == 3, "20 s apart: attempts at 0, 20 and 40 s; the next would end at 60 s")
        #expect(later.now() == .seconds(40))
    }

    @Test("A permanent failure is not retried")
    func permanent() async {
        let sleeper = RecordingSleeper()
        let counter = Counter()
        await #expect(throws: TransportError.self) {
            try await Retrier(sleeper: sleeper).run(classify: { _ in (.permanent, "no") }) { _ -> Int in
                counter.increment()
                throw TransportError(.tls, "bad certificate")
            }
        }
        #expect(counter.value == 1)
        #expect(sleeper.delays.isEmpty)
    }
}

extension RetryDecision {
    /// The delay rounded to whole milliseconds when this is a retry.
    var delayMilliseconds: Int64? {
        guard case .retry(let delay) = self else { return nil }
        let milliseconds = Double(delay.components.seconds) * 1000 + Double(delay.components.attoseconds) / 1e15
        return Int64(milliseconds.rounded())
    }
}
