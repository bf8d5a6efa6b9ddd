/// Reads a server's `Retry-After` header (RFC 9110 §10.2.3) as a delay.
///
/// The value comes from outside (a server, a proxy, a captive portal), so the conversion is checked: infinite or
/// enormous values are held at `ceiling`, never turned into an overflowing integer. The retry policy then caps the
/// delay again at its backoff cap.
public enum RetryAfter {
    /// The longest delay a header can ask for here; the retry policy caps lower still.
    public static let ceiling: Duration = .seconds(86_400)

    /// The delay in the delta-seconds form (fractions accepted), or nil when absent, negative or not a number.
    /// The HTTP-date form is ignored: AWS sends seconds.
    public static func delay(_ value: String?) -> Duration? {
        guard let value else { return nil }
        let text = String(String.UnicodeScalarView(value.unicodeScalars.filter { $0 != " " && $0 != "\t" }))
        guard let seconds = Double(text), !seconds.isNaN, seconds >= 0 else { return nil }
        let ceilingSeconds = Double(ceiling.components.seconds)
        guard seconds < ceilingSeconds else { return ceiling }
        // Below a day in milliseconds: far inside Int64.
        return .milliseconds(Int64((seconds * 1000).rounded(.up)))
    }
}
