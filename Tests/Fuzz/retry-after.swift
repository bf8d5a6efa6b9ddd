import Resilience

// libFuzzer target: a server's `Retry-After` header, from the CloudFront client into the retry policy.
@testable import CloudFront

/// One input: the header value. Reading it and deciding the next delay must never trap, whatever the server sends.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRetryAfter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let value = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let retryAfter = CloudFrontClient.retryAfter(value)
    if let retryAfter { precondition(retryAfter >= .zero, "Retry-After \(value.debugDescription) gave \(retryAfter)") }
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
