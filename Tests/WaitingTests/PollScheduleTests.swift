import Resilience
import Testing
import Waiting

@Suite("Poll schedule and deadline")
struct PollScheduleTests {
    let schedule = PollSchedule()

    @Test("First check after 1 s, then every 1.8 s while young")
    func early() {
        #expect(schedule.delay(elapsed: .zero, checksSoFar: 0) == .seconds(1))
        #expect(schedule.delay(elapsed: .seconds(1), checksSoFar: 1) == .milliseconds(1800))
        #expect(schedule.delay(elapsed: .seconds(60), checksSoFar: 30) == .milliseconds(1800))
    }

    @Test("Grows with the elapsed time (3 %) and is capped at 30 s")
    func grows() {
        #expect(schedule.delay(elapsed: .seconds(200), checksSoFar: 80) == .seconds(6))
        #expect(schedule.delay(elapsed: .seconds(600), checksSoFar: 120) == .seconds(18))
        #expect(schedule.delay(elapsed: .seconds(3600), checksSoFar: 200) == .seconds(30))
    }

    @Test("The lag stays a small fraction of the wait: never more than 5 % after the first two minutes")
    func fraction() {
        for minutes in 2...120 {
            let elapsed = Duration.seconds(minutes * 60)
            let delay = schedule.delay(elapsed: elapsed, checksSoFar: 10)
            #expect(delay <= elapsed * 0.05, "at \(minutes) min the interval is \(delay)")
        }
    }

    @Test("About one check per 2 s at most after the first (never closer than 1.8 s)")
    func rateLimit() {
        for seconds in stride(from: 0, through: 7200, by: 7) {
            #expect(schedule.delay(elapsed: .seconds(seconds), checksSoFar: 5) >= .milliseconds(1800))
        }
    }

    @Test("Deadline arithmetic")
    func deadline() {
        let deadline = Deadline(start: .seconds(10), timeout: .seconds(90))
        #expect(deadline.remaining(at: .seconds(40)) == .seconds(60))
        #expect(deadline.remaining(at: .seconds(200)) == .zero)
        #expect(deadline.clamp(.seconds(30), at: .seconds(85)) == .seconds(15))
        #expect(!deadline.hasPassed(at: .seconds(99)))
        #expect(deadline.hasPassed(at: .seconds(100)))
    }
}
