/// Parses wait limits as people write them: `90s`, `15m`, `1h30m`, `2m30s`, or plain seconds (`600`).
public enum DurationText {
    /// Whole seconds, or nil when the text is not a positive duration in that form.
    public static func seconds(_ text: String) -> Int? {
        let trimmed = text.trimmingWhitespace().lowercased()
        guard !trimmed.isEmpty else { return nil }
        if let plain = Int(trimmed) { return plain > 0 ? plain : nil }
        var total = 0
        var digits = ""
        var lastUnitRank = Int.max
        for character in trimmed {
            if character.isASCII && character.isNumber {
                digits.append(character)
                continue
            }
            let rank: Int
            let multiplier: Int
            switch character {
            case "h": (rank, multiplier) = (3, 3600)
            case "m": (rank, multiplier) = (2, 60)
            case "s": (rank, multiplier) = (1, 1)
            default: return nil
            }
            // Units must come in order (h, m, s), each at most once, each after a number.
            guard let value = Int(digits), rank < lastUnitRank else { return nil }
            let (product, overflow) = value.multipliedReportingOverflow(by: multiplier)
            guard !overflow else { return nil }
            total += product
            lastUnitRank = rank
            digits = ""
        }
        guard digits.isEmpty, total > 0 else { return nil }
        return total
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
