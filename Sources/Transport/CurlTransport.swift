internal import CCurl
import Synchronization

#if canImport(Dispatch)
    import Dispatch
#endif

/// An `HTTPTransport` over libcurl that keeps its connections: a small pool of multi handles, each with its easy
/// handle, reused request after request, so a `--wait` of many polls to one endpoint stays on one TCP and TLS
/// connection. A cancelled task aborts its transfer at once (the multi handle's poll is woken), not when the
/// server answers.
///
/// libcurl already honours `http_proxy`, `https_proxy` and `no_proxy`; TLS peer and host verification stay on.
public struct CurlTransport: HTTPTransport {
    /// Limits and TLS settings for every request this transport sends.
    public struct Configuration: Sendable, Equatable {
        public var connectTimeoutSeconds: Int
        public var totalTimeoutSeconds: Int
        /// Bodies beyond this size are refused rather than buffered (CloudFront's largest answers are a few KiB).
        public var maxResponseBytes: Int
        /// Response headers beyond this size are refused (CloudFront sends well under 2 KiB of them).
        public var maxHeaderBytes: Int
        /// A transfer that moves less than one byte a second for this long is abandoned as stalled.
        public var stallSeconds: Int
        /// The CA certificates to verify servers against (`CABundleLocator` finds them on any Linux).
        public var trust: CATrust
        public var userAgent: String

        public init(
            connectTimeoutSeconds: Int = 10, totalTimeoutSeconds: Int = 30, maxResponseBytes: Int = 4 << 20,
            maxHeaderBytes: Int = 64 << 10, stallSeconds: Int = 10, trust: CATrust = .libraryDefault,
            userAgent: String = "cloudfront-invalidate"
        ) {
            self.connectTimeoutSeconds = connectTimeoutSeconds
            self.totalTimeoutSeconds = totalTimeoutSeconds
            self.maxResponseBytes = maxResponseBytes
            self.maxHeaderBytes = maxHeaderBytes
            self.stallSeconds = stallSeconds
            self.trust = trust
            self.userAgent = userAgent
        }
    }

    public let configuration: Configuration
    /// Shared by copies of this transport: the connections they keep open.
    private let sessions: CurlSessionPool

    public init(configuration: Configuration = .init()) {
        CurlGlobal.initializeOnce()
        self.configuration = configuration
        sessions = CurlSessionPool()
    }

    /// Connections opened so far by this transport (and its copies); a reused connection is not counted again.
    public var connectionsOpened: Int { sessions.connectionsOpened }

    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        guard !Task.isCancelled else { throw CurlFailure.cancelled }
        if let failure = configuration.trust.failure(for: request.url) { throw failure }
        let configuration = self.configuration
        let control = TransferControl()
        let sessions = self.sessions
        let result: Result<HTTPResponse, TransportError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                // The transfer loop blocks in curl_multi_poll: keep it off Swift's small cooperative pool, and off
                // the global queue too, whose width on Linux is the core count (two blocked transfers would stall
                // every other one). A serial queue of its own runs on an overcommitting thread.
                DispatchQueue(label: "cloudfront-invalidate.transfer").async {
                    let exchange = CurlExchange(request: request, configuration: configuration)
                    continuation.resume(returning: sessions.perform(exchange, control: control))
                }
            }
        } onCancel: {
            control.cancel()
        }
        return try result.get()
    }
}

/// `curl_global_init` must run once, before any other thread uses libcurl.
enum CurlGlobal {
    static let initialized: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
    static func initializeOnce() { _ = initialized }
}

/// The link between a task and its transfer: the cancellation flag the transfer loop checks, and the multi handle
/// to wake so the check happens now rather than after the next poll timeout.
final class TransferControl: @unchecked Sendable {
    /// Guards `cancelled` and `multi`; `curl_multi_wakeup` may be called from any thread while the handle is live.
    private let state = Mutex<(cancelled: Bool, multi: UnsafeMutableRawPointer?)>((false, nil))

    var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// Sets the flag and wakes the transfer's poll, if one is running.
    func cancel() {
        state.withLock { state in
            state.cancelled = true
            if let multi = state.multi { _ = curl_multi_wakeup(multi) }
        }
    }

    /// Called by the transfer loop around its use of `multi` (nil when done), so a wake-up never reaches a handle
    /// another request is using.
    func attach(_ multi: UnsafeMutableRawPointer?) {
        state.withLock { $0.multi = multi }
    }
}
