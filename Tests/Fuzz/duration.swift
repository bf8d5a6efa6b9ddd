// libFuzzer target: `DurationText`, which reads --timeout, CLOUDFRONT_TIMEOUT and the pipeline file's `timeout:`.
import Configuration

/// One input: duration text (`90s`, `1h30m`, `600`, …). It must give a positive number of seconds or nil, never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDuration(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let seconds = DurationText.seconds(text) else { return 0 }
    precondition(seconds > 0, "DurationText.seconds(\(text.debugDescription)) returned \(seconds)")
    // What the log prints must read back as the same duration.
    let shown = DurationText.format(seconds: seconds)
    precondition(DurationText.seconds(shown) == seconds, "\(seconds)s is shown as \(shown), which reads differently")
    return 0
}
