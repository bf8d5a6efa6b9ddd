// libFuzzer target: a server's `Retry-After` header, as the AWS request pipeline reads it, into the retry policy.
import Resilience

/// One input: the header value. Reading it and deciding the next delay must never trap, whatever the server sends.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRetryAfter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let value = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let retryAfter = RetryAfter.delay(value)
    if let retryAfter {
        precondition(
            retryAfter >= .zero && retryAfter <= RetryAfter.ceiling,
            "Retry-After \(value.debugDescription) gave \(retryAfter)")
    }
    let policy = RetryPolicy()
    for attempt in 1...policy.maxAttempts {
        let decision = policy.decision(
            afterAttempt: attempt, failure: .throttled(retryAfter: retryAfter), unitRandom: 0.999)
        if case .retry(let delay) = decision {
            precondition(delay >= .zero && delay <= policy.maxRetryAfter + policy.maxDelay, "delay \(delay)")
        }
    }
    return 0
}
