import Configuration
import Testing

@Suite("Durations")
struct DurationTextTests {
    @Test(arguments: [
        ("90s", 90), ("15m", 900), ("1h30m", 5400), ("2m30s", 150), ("600", 600), ("1h", 3600), (" 30M ", 1800),
        ("1h0m5s", 3605), ("168h", 604_800), ("604800", 604_800),
    ])
    func parses(text: String, seconds: Int) {
        #expect(DurationText.seconds(text) == seconds)
    }

    @Test(arguments: [
        "", "0", "-5", "5x", "m", "30m1h", "1h1h", "1.5h", "10 m", "0s", "1h30", "1\u{0301}h", "\u{0661}s",
    ])
    func rejects(text: String) {
        #expect(DurationText.parse(text) == .failure(.notADuration))
        #expect(DurationText.problem(with: text)?.contains("is not a duration") == true)
    }

    /// Issue 13 item 2: these trapped (exit 132) in `total += product`; now they are refused as too long.
    @Test(arguments: [
        "2562047788015215h59m", "2562047788015215h59m59s", "9223372036854775807s", "99999999999999999999h",
        "99999999999999999999", "168h1s", "604801", "80000h",
    ])
    func refusesOverflowingOrOverlongDurations(text: String) {
        #expect(DurationText.parse(text) == .failure(.tooLong))
        #expect(DurationText.problem(with: text)?.contains("maximum wait limit of 168h") == true)
    }

    @Test(arguments: [(45, "45s"), (150, "2m30s"), (3900, "1h5m"), (0, "0s")])
    func formats(seconds: Int, text: String) {
        #expect(DurationText.format(seconds: seconds) == text)
    }
}
