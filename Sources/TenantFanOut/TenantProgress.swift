/// Counts of a fan-out in flight, for the live line and the CI heartbeat.
public struct TenantProgress: Sendable, Equatable {
    public var total: Int
    public var created: Int
    public var completed: Int
    public var failed: Int
    /// Of `created`: invalidations an earlier attempt had already made.
    public var alreadyDone: Int
    public var elapsedSeconds: Double
    /// Requests per second in effect.
    public var rate: Double
    /// Requests sent and answered `Throttling` so far, across the run.
    public var requests: Int
    public var throttled: Int
    /// Whether the run waits for Completed (else "done" means created).
    public var waits: Bool

    public init(
        total: Int, created: Int, completed: Int, failed: Int, alreadyDone: Int, elapsedSeconds: Double,
        rate: Double, requests: Int, throttled: Int, waits: Bool
    ) {
        self.total = total
        self.created = created
        self.completed = completed
        self.failed = failed
        self.alreadyDone = alreadyDone
        self.elapsedSeconds = elapsedSeconds
        self.rate = rate
        self.requests = requests
        self.throttled = throttled
        self.waits = waits
    }

    /// Seconds left at the current rate: one request per create still to make, one per Completed still to see.
    public var etaSeconds: Double? {
        let remainingCreates = max(0, total - created - failed)
        let remainingPolls = waits ? max(0, total - completed - failed) : 0
        let remaining = Double(remainingCreates + remainingPolls)
        guard rate > 0.01 else { return remaining == 0 ? 0 : nil }
        return remaining / rate
    }

    /// `tenants: 1,200 created, 950 completed, 2 failed of 5,000 · 38.5 req/s · ETA 2m10s`.
    public var line: String {
        var parts = ["\(Self.grouped(created)) created"]
        if waits { parts.append("\(Self.grouped(completed)) completed") }
        parts.append("\(Self.grouped(failed)) failed of \(Self.grouped(total))")
        var text = "tenants: " + parts.joined(separator: ", ")
        text += " · \(Self.oneDecimal(rate)) req/s"
        if let eta = etaSeconds { text += " · ETA \(Self.duration(eta))" }
        return text
    }

    /// 12,345.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// `12.5`: one decimal, for rates and shares.
    public static func oneDecimalText(_ value: Double) -> String { oneDecimal(value) }

    static func oneDecimal(_ value: Double) -> String {
        guard value.isFinite else { return "0.0" }
        let tenths = Int((min(max(value, 0), 1e9) * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// `45s`, `2m10s`, `1h05m`.
    public static func durationText(_ seconds: Double) -> String { duration(seconds) }

    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        let whole = Int(min(max(seconds, 0), 8_640_000).rounded(.up))
        if whole < 60 { return "\(whole)s" }
        if whole < 3600 { return "\(whole / 60)m\(String(format2(whole % 60)))s" }
        return "\(whole / 3600)h\(format2(whole % 3600 / 60))m"
    }

    private static func format2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
