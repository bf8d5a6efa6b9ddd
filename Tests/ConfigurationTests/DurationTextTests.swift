import Configuration
import Testing

@Suite("Durations")
struct DurationTextTests {
    @Test(arguments: [
        ("90s", 90), ("15m", 900), ("1h30m", 5400), ("2m30s", 150), ("600", 600), ("1h", 3600), (" 30M ", 1800),
        ("1h0m5s", 3605),
    ])
    func parses(text: String, seconds: Int) {
        #expect(DurationText.seconds(text) == seconds)
    }

    @Test(arguments: ["", "0", "-5", "5x", "m", "30m1h", "1h1h", "1.5h", "10 m", "0s", "99999999999999999999h"])
    func rejects(text: String) {
        #expect(DurationText.seconds(text) == nil)
    }

    @Test(arguments: [(45, "45s"), (150, "2m30s"), (3900, "1h5m"), (0, "0s")])
    func formats(seconds: Int, text: String) {
        #expect(DurationText.format(seconds: seconds) == text)
    }
}
