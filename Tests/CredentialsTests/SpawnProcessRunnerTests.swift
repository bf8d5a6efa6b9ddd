import Credentials
import Synchronization
import Testing

/// The live runner, against /bin/sh: its limits are the point, and they need a real process.
@Suite("Spawned credential processes")
struct SpawnProcessRunnerTests {
    let runner = SpawnProcessRunner()

    @Test("Output and exit status are collected; the environment is passed")
    func output() async {
        let outcome = await runner.run(
            ["/bin/sh", "-c", #"printf '%s' "$GREETING"; printf 'oops' >&2; exit 3"#],
            environment: ["GREETING": "hello"],
            limits: ProcessLimits())
        #expect(outcome.termination == .exited(3))
        #expect(String(decoding: outcome.stdout, as: UTF8.self) == "hello")
        #expect(String(decoding: outcome.stderr, as: UTF8.self) == "oops")
    }

    /// The deadline comes from an injected clock that jumps an hour each time it is read, so the one-hour limit
    /// passes at the second reading, however fast or busy the machine is; no wall time is bounded (issue 12).
    @Test("A command that runs too long is killed at the deadline")
    func timeout() async {
        let readings = Mutex(0)
        let runner = SpawnProcessRunner(now: {
            readings.withLock {
                $0 += 1
                return .seconds(3600 * $0)
            }
        })
        let outcome = await runner.run(
            ["/bin/sh", "-c", "sleep 30"], environment: [:], limits: ProcessLimits(timeout: .seconds(3600)))
        #expect(outcome.termination == .timedOut)
        #expect(readings.withLock { $0 } == 2, "killed at the first check past the deadline")
    }

    @Test("A command that prints too much is killed at the cap")
    func outputCap() async {
        let outcome = await runner.run(
            ["/bin/sh", "-c", "while :; do echo xxxxxxxxxxxxxxxxxxxxxxxx; done"], environment: [:],
            limits: ProcessLimits(timeout: .seconds(10), maxOutputBytes: 10_000))
        #expect(outcome.termination == .outputTooLarge)
        #expect(outcome.stdout.count <= 10_000 + 8192)
    }

    @Test("A missing program fails to start with the system's reason")
    func missing() async {
        let outcome = await runner.run(["/nonexistent/get-creds"], environment: [:], limits: ProcessLimits())
        guard case .failedToStart(let message) = outcome.termination else {
            Issue.record("expected failedToStart, got \(outcome.termination)")
            return
        }
        #expect(message.contains("No such file"))
    }
}
