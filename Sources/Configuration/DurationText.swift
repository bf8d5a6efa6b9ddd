import TextTrimming

/// Parses wait limits as people write them: `90s`, `15m`, `1h30m`, `2m30s`, or plain seconds (`600`).
///
/// Limits above ``maximumSeconds`` are refused rather than clamped: a limit of centuries is a typo, and summing
/// unchecked units could trap (every step here is checked arithmetic on text from outside).
public enum DurationText {
    /// The longest wait limit accepted: 7 days (`168h`), above any CI job's own limit (GitHub-hosted jobs stop
    /// after 6 hours, self-hosted after 5 days).
    public static let maximumSeconds = 7 * 24 * 3600

    /// Why a text is not an accepted duration.
    public enum Failure: Error, Sendable, Equatable {
        /// Not in the `1h30m` / seconds form, or zero.
        case notADuration
        /// A well-formed duration longer than ``maximumSeconds`` (or too large to count).
        case tooLong
    }

    /// Whole seconds, or nil when the text is not a positive duration in that form no longer than the maximum.
    public static func seconds(_ text: String) -> Int? {
        try? parse(text).get()
    }

    /// Whole seconds, or why the text is refused.
    public static func parse(_ text: String) -> Result<Int, Failure> {
        let scalars = Array(text.trimmingASCIIWhitespace().lowercased().unicodeScalars)
        guard !scalars.isEmpty else { return .failure(.notADuration) }
        var total = 0
        var digits: [Unicode.Scalar] = []
        var lastUnitRank = Int.max
        var sawUnit = false
        // Bounded by the text's length; checked on Unicode scalars, never on grapheme clusters.
        for scalar in scalars {
            if ("0"..."9").contains(scalar) {
                digits.append(scalar)
                continue
            }
            let rank: Int
            let multiplier: Int
            switch scalar {
            case "h": (rank, multiplier) = (3, 3600)
            case "m": (rank, multiplier) = (2, 60)
            case "s": (rank, multiplier) = (1, 1)
            default: return .failure(.notADuration)
            }
            // Units must come in order (h, m, s), each at most once, each after a number.
            guard !digits.isEmpty, rank < lastUnitRank else { return .failure(.notADuration) }
            guard let sum = add(digits, times: multiplier, to: total) else { return .failure(.tooLong) }
            total = sum
            lastUnitRank = rank
            sawUnit = true
            digits = []
        }
        if !digits.isEmpty {
            // Plain seconds ("600"); a number after a unit ("1h30") is ambiguous and refused.
            guard !sawUnit else { return .failure(.notADuration) }
            guard let sum = add(digits, times: 1, to: 0) else { return .failure(.tooLong) }
            total = sum
        }
        guard total > 0 else { return .failure(.notADuration) }
        return total <= maximumSeconds ? .success(total) : .failure(.tooLong)
    }

    /// The problem with `text` as a sentence for a configuration error, or nil when it is a valid duration.
    public static func problem(with text: String) -> String? {
        switch parse(text) {
        case .success: nil
        case .failure(.notADuration):
            "'\(text)' is not a duration; use e.g. 90s, 15m, 1h30m or a number of seconds."
        case .failure(.tooLong):
            "'\(text)' is longer than the maximum wait limit of \(format(seconds: maximumSeconds)) (7 days); "
                + "give a shorter limit such as 30m or 2h."
        }
    }

    /// `total + value(digits) × multiplier`, or nil on overflow.
    private static func add(_ digits: [Unicode.Scalar], times multiplier: Int, to total: Int) -> Int? {
        var value = 0
        for digit in digits {
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowB) = shifted.addingReportingOverflow(Int(digit.value) - 48)
            guard !overflowA, !overflowB else { return nil }
            value = next
        }
        let (product, overflowC) = value.multipliedReportingOverflow(by: multiplier)
        let (sum, overflowD) = total.addingReportingOverflow(product)
        guard !overflowC, !overflowD else { return nil }
        return sum
    }

    /// A short human form of whole seconds: `45s`, `2m30s`, `1h5m`.
    public static func format(seconds: Int) -> String {
        let hours = seconds / 3600
        let minutes = seconds % 3600 / 60
        let rest = seconds % 60
        var text = ""
        if hours > 0 { text += "\(hours)h" }
        if minutes > 0 { text += "\(minutes)m" }
        if rest > 0 || text.isEmpty { text += "\(rest)s" }
        return text
    }
}
