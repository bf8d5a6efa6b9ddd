/// When to ask CloudFront again whether an invalidation has completed: a pure function of the time waited so far.
///
/// The aim is a short detection lag without hammering the API. The first check comes soon after creation (emulators
/// and small invalidations can finish within seconds); after that the interval is `minimumInterval` (1.8 s: about
/// one GetInvalidation per 2 s per distribution, and a median lag under 1 s, since completion falls uniformly within
/// an interval) until it grows with the elapsed time, as `growthFactor` × elapsed (3 %: the lag stays a small
/// fraction of the wait), capped at `maximumInterval`. Compare the AWS CLI waiter: a fixed 20 s for
/// at most 10 minutes.
public struct PollSchedule: Sendable, Equatable {
    public var firstCheck: Duration
    public var minimumInterval: Duration
    public var maximumInterval: Duration
    public var growthFactor: Double

    public init(
        firstCheck: Duration = .seconds(1), minimumInterval: Duration = .milliseconds(1800),
        maximumInterval: Duration = .seconds(30), growthFactor: Double = 0.03
    ) {
        self.firstCheck = firstCheck
        self.minimumInterval = minimumInterval
        self.maximumInterval = maximumInterval
        self.growthFactor = growthFactor
    }

    /// The delay before the next check, given how long the invalidation has been waited on and how many checks
    /// were made.
    public func delay(elapsed: Duration, checksSoFar: Int) -> Duration {
        if checksSoFar == 0 { return firstCheck }
        let grown = elapsed * growthFactor
        return min(maximumInterval, max(minimumInterval, grown))
    }
}
