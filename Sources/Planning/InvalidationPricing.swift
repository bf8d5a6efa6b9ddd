/// CloudFront's price for invalidation paths, used to show what a plan costs.
///
/// "No additional charge for the first 1,000 paths requested for invalidation each month. Thereafter, $0.005 per
/// path requested for invalidation." The free paths are per AWS account across all distributions, and a wildcard
/// counts as one path (Developer Guide, "Pay for file invalidation"; https://aws.amazon.com/cloudfront/pricing/).
/// Checked on 2026-11-21; update ``checked`` when re-checking.
public enum InvalidationPricing {
    /// US dollars per path beyond the free paths.
    public static let dollarsPerPath = 0.005
    /// Paths per account and month that cost nothing.
    public static let freePathsPerMonth = 1_000
    /// When the two figures above were last checked against the pricing page.
    public static let checked = "2026-11-21"

    /// Dollars for `paths` billable paths when `alreadyUsed` paths were invalidated earlier this month.
    public static func cost(paths: Int, alreadyUsed: Int = 0) -> Double {
        let free = max(0, freePathsPerMonth - alreadyUsed)
        return Double(max(0, paths - free)) * dollarsPerPath
    }

    /// `$1.23`, or `$0.005` for sub-cent amounts, without Foundation's formatters.
    public static func dollars(_ amount: Double) -> String {
        let tenthsOfCents = Int((amount * 1_000).rounded())
        let whole = tenthsOfCents / 1_000
        let fraction = tenthsOfCents % 1_000
        if fraction % 10 == 0 {
            let cents = fraction / 10
            return "$\(whole).\(cents < 10 ? "0" : "")\(cents)"
        }
        let digits = String(fraction)
        return "$\(whole)." + String(repeating: "0", count: 3 - digits.count) + digits
    }
}
