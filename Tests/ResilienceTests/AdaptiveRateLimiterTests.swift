import Resilience
import Testing

/// The adaptive rate on a hand-driven clock: every time is given, nothing sleeps.
@Suite("Adaptive rate limiter")
struct AdaptiveRateLimiterTests {
    /// Sends `count` requests evenly over `seconds` from `start`, every answer a success; returns the end time.
    static func send(
        _ limiter: inout AdaptiveRateLimiter, count: Int, over seconds: Double, from start: Double
    ) -> Double {
        for index in 0..<count {
            let time = start + seconds * Double(index) / Double(count)
            _ = limiter.reserve(at: time)
            limiter.record(throttled: false, sentAt: time, at: time)
        }
        return start + seconds
    }

    @Test("Without a cap nothing is held back until the first throttling answer (as the SDKs' adaptive mode)")
    func unlimitedUntilThrottled() {
        var limiter = AdaptiveRateLimiter(now: 0)
        for index in 0..<500 {
            #expect(limiter.reserve(at: Double(index) * 0.001) == 0)
        }
        #expect(!limiter.isLimiting)
    }

    @Test("A throttling answer cuts the rate to β = 0.7 of the measured send rate")
    func cutOnThrottle() {
        var limiter = AdaptiveRateLimiter(now: 0)
        let end = Self.send(&limiter, count: 200, over: 10, from: 0)  // 20 requests per second
        #expect(abs(limiter.measuredRate - 20) < 1)
        limiter.record(throttled: true, sentAt: end, at: end)
        #expect(limiter.isLimiting)
        #expect(abs(limiter.fillRate - 0.7 * limiter.measuredRate) < 0.01)
    }

    @Test("Throttling answers to requests sent before the last cut count once (one cut per window)")
    func oneCutPerWindow() {
        var limiter = AdaptiveRateLimiter(now: 0)
        let end = Self.send(&limiter, count: 200, over: 10, from: 0)
        limiter.record(throttled: true, sentAt: end - 0.05, at: end)
        let afterFirst = limiter.fillRate
        for offset in 1...15 {
            limiter.record(throttled: true, sentAt: end - 0.01, at: end + Double(offset) * 0.001)
        }
        #expect(limiter.fillRate == afterFirst)
        limiter.record(throttled: true, sentAt: end + 0.5, at: end + 0.6)
        #expect(limiter.fillRate < afterFirst)
    }

    @Test("A saturated sender's rate grows back along CUBIC: at the old maximum after K = ∛(W·(1−β)/C) seconds")
    func cubicGrowth() {
        var limiter = AdaptiveRateLimiter(settings: .init(maxRate: 40), now: 0)
        _ = Self.send(&limiter, count: 400, over: 10, from: 0)
        #expect(limiter.fillRate == 40)
        limiter.record(throttled: true, sentAt: 10, at: 10)
        // The measured rate was 40: cut to 28.
        #expect(abs(limiter.fillRate - 28) < 0.5)
        let k = AdaptiveRateLimiter.cubeRoot(40 * 0.3 / 0.4)
        // Send as fast as the limiter allows (as the gate's workers do), every answer a success.
        var time = 10.0
        var samples: [(time: Double, rate: Double)] = []
        for _ in 0..<400 where time < 10 + 2 * k {
            time += limiter.reserve(at: time)
            limiter.record(throttled: false, sentAt: time, at: time)
            samples.append((time, limiter.fillRate))
        }
        let rates = samples.map(\.rate)
        #expect(zip(rates, rates.dropFirst()).allSatisfy { $0 <= $1 + 1e-9 }, "only grows while requests succeed")
        let atK = try? #require(samples.first { $0.time >= 10 + k })
        #expect(abs((atK?.rate ?? 0) - 40) < 2, "back near the old maximum at t = K")
        #expect(rates.allSatisfy { $0 <= 40 }, "never above --max-request-rate")
        #expect(samples.first!.rate < 30, "growth starts low")
    }

    @Test("With a cap, requests are spaced 1/cap apart from the first one on")
    func capSpacing() {
        var limiter = AdaptiveRateLimiter(settings: .init(maxRate: 10), now: 0)
        let delays = (0..<5).map { _ in limiter.reserve(at: 0) }
        #expect(delays.map { ($0 * 1000).rounded() } == [0, 100, 200, 300, 400])
    }

    @Test("The rate never drops below 0.5 requests per second")
    func floor() {
        var limiter = AdaptiveRateLimiter(now: 0)
        for index in 0..<50 {
            let time = Double(index) * 10
            limiter.record(throttled: true, sentAt: time, at: time)
        }
        #expect(limiter.fillRate == 0.5)
    }

    @Test("A nonsensical cap (0, negative, infinite) becomes one request per second, never a trap")
    func badCap() {
        for cap in [0, -3, Double.infinity, Double.nan] {
            #expect(AdaptiveRateLimiter.Settings(maxRate: cap).maxRate == 1)
        }
    }

    @Test("Cube root", arguments: [(27.0, 3.0), (30.0, 3.1072325), (0.125, 0.5), (1e6, 100.0)])
    func cubeRoot(value: Double, root: Double) {
        #expect(abs(AdaptiveRateLimiter.cubeRoot(value) - root) < 1e-6)
    }
}
