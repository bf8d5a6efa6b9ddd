/// The one place every request of a run passes: at most `maxConcurrent` in flight, sent no faster than the
/// adaptive rate allows, the rate fed by every answer. Shared by listing, creating and polling.
public actor RequestGate {
    /// A slot and a send time handed to one request; give it back with `leave`.
    public struct Ticket: Sendable {
        /// How long to wait before sending.
        public var delay: Duration
        /// When the token was reserved, on the gate's clock (seconds): the rate in force then decided its send time,
        /// so a throttling answer to it says nothing new if the rate was cut after that.
        var reservedAt: Double
    }

    /// Counts for progress lines and benchmarks.
    public struct Snapshot: Sendable, Equatable {
        public var sent: Int
        public var throttled: Int
        /// Requests per second in effect now.
        public var rate: Double
        public var inFlight: Int
    }

    private var limiter: AdaptiveRateLimiter
    private let maxConcurrent: Int
    private var inFlight = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var sent = 0
    private var throttled = 0
    private let now: @Sendable () -> Double

    /// `now` reads a monotonic clock in seconds.
    public init(
        settings: AdaptiveRateLimiter.Settings = .init(), maxConcurrent: Int = 16,
        now: @escaping @Sendable () -> Double
    ) {
        self.now = now
        self.maxConcurrent = max(1, maxConcurrent)
        limiter = AdaptiveRateLimiter(settings: settings, now: now())
    }

    /// Waits for a free slot (first come, first served), then reserves a token. Throws `CancellationError` when the
    /// task was cancelled while waiting; the slot is then given back.
    public func enter() async throws -> Ticket {
        if inFlight < maxConcurrent {
            inFlight += 1
        } else {
            // `release()` hands its slot straight to the first waiter, so `inFlight` is not touched here.
            await withCheckedContinuation { waiting.append($0) }
        }
        if Task.isCancelled {
            release()
            throw CancellationError()
        }
        let time = now()
        let seconds = limiter.reserve(at: time)
        sent += 1
        return Ticket(delay: .nanoseconds(Int64(min(seconds, 3600) * 1e9)), reservedAt: time)
    }

    /// Gives the slot back; `throttled` is nil when no answer arrived (a transport failure says nothing of the rate).
    public func leave(_ ticket: Ticket, throttled: Bool?) {
        if let throttled {
            limiter.record(throttled: throttled, sentAt: ticket.reservedAt, at: now())
            if throttled { self.throttled += 1 }
        }
        release()
    }

    public var snapshot: Snapshot {
        Snapshot(sent: sent, throttled: throttled, rate: limiter.currentRate, inFlight: inFlight)
    }

    private func release() {
        if waiting.isEmpty {
            inFlight -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
