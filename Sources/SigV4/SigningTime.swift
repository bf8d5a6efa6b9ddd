/// The instant a request is signed, in whole UTC seconds; a plain value so signing never reads a clock.
public struct SigningTime: Sendable, Hashable, Comparable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var secondsSince1970: Int

    public init(secondsSince1970: Int) {
        self.secondsSince1970 = secondsSince1970
    }

    /// A UTC calendar time; `nil` when a field is out of range.
    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        guard (1...12).contains(month), (1...Self.daysInMonth(month, year: year)).contains(day),
            (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        let days = Self.daysSince1970(year: year, month: month, day: day)
        secondsSince1970 = days * 86_400 + hour * 3_600 + minute * 60 + second
    }

    /// Parses `20150830T123600Z` (the X-Amz-Date form) or `2015-08-30T12:36:00Z` (ISO 8601 extended, whole seconds).
    public init?(_ text: String) {
        var digits = Array(text.utf8)
        guard digits.last == UInt8(ascii: "Z") else { return nil }
        digits.removeLast()
        if digits.count == 19 {
            // yyyy-MM-ddTHH:mm:ss: drop the separators at their fixed places, then read the basic form.
            let separators: [Int: UInt8] = [4: 45, 7: 45, 10: 84, 13: 58, 16: 58]
            for (offset, character) in separators where digits[offset] != character { return nil }
            digits = digits.enumerated().filter { separators[$0.offset] == nil || $0.offset == 10 }.map(\.element)
        }
        guard digits.count == 15, digits[8] == UInt8(ascii: "T") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for character in digits[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(character) else { return nil }
                value = value * 10 + Int(character - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
            let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15)
        else { return nil }
        self.init(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// `yyyyMMdd'T'HHmmss'Z'`, the X-Amz-Date header and the second line of the string to sign.
    public var amzDate: String {
        let (year, month, day) = civil
        let seconds = Self.floorMod(secondsSince1970, 86_400)
        return Self.padded(year, 4) + Self.padded(month, 2) + Self.padded(day, 2) + "T"
            + Self.padded(seconds / 3_600, 2) + Self.padded(seconds / 60 % 60, 2) + Self.padded(seconds % 60, 2) + "Z"
    }

    /// `yyyyMMdd`, the date of the credential scope.
    public var dateStamp: String {
        let (year, month, day) = civil
        return Self.padded(year, 4) + Self.padded(month, 2) + Self.padded(day, 2)
    }

    public static func < (lhs: SigningTime, rhs: SigningTime) -> Bool {
        lhs.secondsSince1970 < rhs.secondsSince1970
    }

    /// The UTC calendar date, by Howard Hinnant's `civil_from_days` (http://howardhinnant.github.io/date_algorithms.html).
    private var civil: (year: Int, month: Int, day: Int) {
        let days = Self.floorDiv(secondsSince1970, 86_400) + 719_468
        let era = Self.floorDiv(days, 146_097)
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Days from 1970-01-01 to the given date, by Hinnant's `days_from_civil`.
    private static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = floorDiv(shiftedYear, 400)
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: (year.isMultiple(of: 4) && !year.isMultiple(of: 100)) || year.isMultiple(of: 400) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func floorDiv(_ value: Int, _ divisor: Int) -> Int {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }

    private static func floorMod(_ value: Int, _ divisor: Int) -> Int {
        value - floorDiv(value, divisor) * divisor
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
