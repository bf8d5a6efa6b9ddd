/// A client-side send rate that adapts to throttling, as the AWS SDKs' adaptive retry mode does: a token bucket whose
/// fill rate follows CUBIC (grow while requests succeed, cut by `beta` on a throttling answer).
///
/// Pure and clock-free: every call takes the time (seconds on a monotonic clock), so tests drive it by hand.
/// Facts taken from botocore's `retries/adaptive.py`, `bucket.py` and `throttling.py` (the algorithm of the SDKs'
/// adaptive mode, https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html): CUBIC constants
/// C = 0.4 and β = 0.7, a measured send rate smoothed over half-second buckets, a fill rate never above twice the
/// measured rate, a floor of 0.5 requests per second. Two differences, both because many requests are in flight at
/// once here: a burst of throttling answers to requests sent before the last cut counts once (as TCP cuts once per
/// window), and a cap (`--max-request-rate`) bounds the rate from the first request.
public struct AdaptiveRateLimiter: Sendable, Equatable {
    /// The constants of the algorithm; the defaults are the SDKs'.
    public struct Settings: Sendable, Equatable {
        /// Requests per second never exceeded; nil lets the rate grow without bound until throttled.
        public var maxRate: Double?
        public var minRate: Double = 0.5
        /// CUBIC's scale constant C.
        public var scale: Double = 0.4
        /// The share of the rate kept after throttling.
        public var beta: Double = 0.7
        /// Weight of the newest bucket in the measured rate.
        public var smoothing: Double = 0.8
        /// Width of a measuring bucket, in seconds.
        public var bucketSeconds: Double = 0.5

        public init(maxRate: Double? = nil) {
            self.maxRate = maxRate.map { $0 > 0 && $0.isFinite ? $0 : 1 }
        }
    }

    public let settings: Settings
    /// False until the first throttling answer when no cap is set: the bucket does not hold requests back.
    public private(set) var isLimiting: Bool
    /// Tokens added per second while limiting.
    public private(set) var fillRate: Double
    /// Tokens available; below zero when requests have reserved tokens not yet refilled.
    private(set) var tokens: Double
    private var lastRefill: Double?
    // CUBIC state: the rate at the last throttle, the time to regain it, when the last cut happened.
    private var lastMaxRate: Double
    private var timeToLastMax: Double
    private(set) var lastCut: Double
    /// Whether any answer was throttled yet: only then does the measured rate bound the fill rate.
    private var throttledYet = false
    // The measured send rate.
    public private(set) var measuredRate: Double = 0
    private var bucketStart: Double
    private var bucketCount: Double = 0
    private var firstSend: Double?
    private var sentSinceStart: Double = 0

    public init(settings: Settings = .init(), now: Double) {
        self.settings = settings
        isLimiting = settings.maxRate != nil
        fillRate = settings.maxRate ?? settings.minRate
        tokens = 1
        lastMaxRate = settings.maxRate ?? 0
        lastCut = now
        bucketStart = (now / settings.bucketSeconds).rounded(.down) * settings.bucketSeconds
        // With a cap the curve starts at its plateau (K = 0): success keeps the cap, the first throttle cuts.
        timeToLastMax = 0
    }

    /// Takes one token for a request about to be sent at `now`; returns how many seconds the caller must wait
    /// before sending (0 when a token is there). Reserving in advance keeps concurrent senders in line.
    public mutating func reserve(at now: Double) -> Double {
        countSend(at: now)
        guard isLimiting else { return 0 }
        refill(at: now)
        tokens -= 1
        return tokens >= 0 ? 0 : -tokens / fillRate
    }

    /// Adjusts the rate after an answer arrived at `now` to a request sent (or given its token) at `sentAt`.
    public mutating func record(throttled: Bool, sentAt: Double, at now: Double) {
        if throttled {
            // Answers to requests sent before the last cut were already accounted for by that cut.
            if isLimiting && sentAt < lastCut { return }
            let measured = measuredRate > 0 ? measuredRate : averageRate(at: now)
            let current = isLimiting ? min(measured, fillRate) : measured
            lastMaxRate = current
            timeToLastMax = cubicZeroPoint()
            lastCut = now
            isLimiting = true
            throttledYet = true
            setFillRate(current * settings.beta, at: now)
        } else {
            guard isLimiting else { return }
            let elapsed = now - lastCut - timeToLastMax
            let cubic = settings.scale * elapsed * elapsed * elapsed + lastMaxRate
            guard throttledYet else { return setFillRate(cubic, at: now) }
            let measured = measuredRate > 0 ? measuredRate : averageRate(at: now)
            setFillRate(min(cubic, 2 * max(measured, settings.minRate)), at: now)
        }
    }

    /// The rate in effect, for progress lines: the fill rate while limiting, else the measured rate.
    public var currentRate: Double { isLimiting ? fillRate : measuredRate }

    /// K = ∛(W_max · (1 − β) / C): how long CUBIC takes to climb back to the rate of the last throttle.
    private func cubicZeroPoint() -> Double {
        let value = lastMaxRate * (1 - settings.beta) / settings.scale
        return value > 0 ? Self.cubeRoot(value) : 0
    }

    /// ∛x for x > 0 by Newton's method (the standard library has no `cbrt`; 60 steps reach full precision).
    public static func cubeRoot(_ x: Double) -> Double {
        var root = max(x, 1)
        for _ in 0..<60 { root = (2 * root + x / (root * root)) / 3 }
        return root
    }

    private mutating func setFillRate(_ rate: Double, at now: Double) {
        refill(at: now)
        var rate = max(rate.isFinite ? rate : settings.minRate, settings.minRate)
        if let cap = settings.maxRate { rate = min(rate, cap) }
        fillRate = rate
        tokens = min(tokens, max(rate, 1))
    }

    private mutating func refill(at now: Double) {
        defer { lastRefill = now }
        guard let last = lastRefill, now > last else { return }
        tokens = min(max(fillRate, 1), tokens + (now - last) * fillRate)
    }

    /// Counts a send in the half-second buckets of the measured rate (botocore's RateClocker).
    private mutating func countSend(at now: Double) {
        if firstSend == nil { firstSend = now }
        sentSinceStart += 1
        let bucket = (now / settings.bucketSeconds).rounded(.down) * settings.bucketSeconds
        bucketCount += 1
        if bucket > bucketStart {
            let rate = bucketCount / (bucket - bucketStart)
            measuredRate = rate * settings.smoothing + measuredRate * (1 - settings.smoothing)
            bucketCount = 0
            bucketStart = bucket
        }
    }

    /// Sends per second since the first send: the estimate before a whole bucket has been measured.
    private func averageRate(at now: Double) -> Double {
        guard let first = firstSend else { return settings.minRate }
        return sentSinceStart / max(now - first, settings.bucketSeconds)
    }
}
