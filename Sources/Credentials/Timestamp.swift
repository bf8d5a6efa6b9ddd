import SigV4
import TextTrimming

/// Reads the ISO 8601 expiry times AWS sends (`2024-11-21T18:05:45Z`, `…45.123Z`, `…45+00:00`).
enum Timestamp {
    /// Seconds since 1970, fractions dropped (expiring a moment early is safe), or nil when unreadable.
    static func secondsSince1970(_ text: String) -> Double? {
        let scalars = Array(text.trimmingASCIIWhitespace().utf8)
        // yyyy-MM-ddTHH:mm:ss is 19 bytes; then optional fraction, then a zone.
        guard scalars.count >= 20, scalars[10] == UInt8(ascii: "T") || scalars[10] == UInt8(ascii: " ") else {
            return nil
        }
        var core = Array(scalars[0..<19])
        core[10] = UInt8(ascii: "T")
        var rest = scalars[19...]
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            while let digit = rest.first, (48...57).contains(digit) { rest = rest.dropFirst() }
        }
        var offset = 0
        switch rest.first {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard rest.count == 1 else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = rest.first == UInt8(ascii: "+") ? 1 : -1
            let digits = rest.dropFirst().filter { $0 != UInt8(ascii: ":") }
            guard digits.count == 4, digits.allSatisfy({ (48...57).contains($0) }) else { return nil }
            let values = digits.map { Int($0) - 48 }
            offset = sign * ((values[0] * 10 + values[1]) * 3_600 + (values[2] * 10 + values[3]) * 60)
        default:
            return nil
        }
        guard let time = SigningTime(String(decoding: core + [UInt8(ascii: "Z")], as: UTF8.self)) else { return nil }
        return Double(time.secondsSince1970 - offset)
    }
}
