internal import CCurl
import Synchronization

/// The connections a transport keeps: idle sessions (a multi handle with its easy handle) taken by one transfer at a
/// time and put back after it, so the next request to the same host reuses the open connection (libcurl keeps it in
/// the multi handle's connection cache, with its DNS entry and TLS session).
///
/// Sequential requests (the polls of a wait) always get the same session back; concurrent ones get their own.
final class CurlSessionPool: Sendable {
    /// How many idle sessions are kept; more concurrent transfers than this open extra sessions and close them after.
    static let maxIdle = 4

    private let idle = Mutex<[CurlSession]>([])
    private let opened = Mutex(0)

    deinit {
        for session in idle.withLock({ $0 }) { session.close() }
    }

    var connectionsOpened: Int { opened.withLock { $0 } }

    /// Runs one exchange to its end, its failure or its cancellation.
    func perform(_ exchange: CurlExchange, control: TransferControl) -> Result<HTTPResponse, TransportError> {
        let session: CurlSession
        if let reused = idle.withLock({ $0.popLast() }) {
            session = reused
        } else if let created = CurlSession() {
            session = created
        } else {
            return .failure(TransportError(.other, "libcurl could not create a transfer handle"))
        }
        let result = session.run(exchange, control: control)
        opened.withLock { $0 += session.lastConnectCount }
        let kept = idle.withLock { sessions in
            guard sessions.count < Self.maxIdle else { return false }
            sessions.append(session)
            return true
        }
        if !kept { session.close() }
        return result
    }
}

/// One multi handle driving one easy handle: the unit of connection reuse.
///
/// `@unchecked Sendable`: a session is used by one transfer at a time (the pool hands it out exclusively).
final class CurlSession: @unchecked Sendable {
    private let multi: UnsafeMutableRawPointer
    private let easy: UnsafeMutableRawPointer
    /// New connections the last transfer opened (CURLINFO_NUM_CONNECTS).
    private(set) var lastConnectCount = 0

    init?() {
        guard let multi = curl_multi_init() else { return nil }
        guard let easy = curl_easy_init() else {
            curl_multi_cleanup(multi)
            return nil
        }
        self.multi = multi
        self.easy = easy
    }

    func close() {
        curl_easy_cleanup(easy)
        curl_multi_cleanup(multi)
    }

    /// Sets the exchange's options on the (reset) easy handle and drives the multi handle until the transfer ends;
    /// a cancelled `control` removes the transfer at once.
    ///
    /// Bounded: libcurl ends every transfer by its connect, total and low-speed limits (set from the configuration
    /// and the request); cancellation is checked after every poll, which waits at most one second.
    func run(_ exchange: CurlExchange, control: TransferControl) -> Result<HTTPResponse, TransportError> {
        lastConnectCount = 0
        // Options go back to their defaults; live connections, DNS and TLS session caches stay.
        curl_easy_reset(easy)
        // Back to defaults afterwards too, so no option points at this exchange's buffers once it is gone.
        defer { curl_easy_reset(easy) }
        do {
            try exchange.configure(easy)
        } catch {
            return .failure(error)
        }
        let added = curl_multi_add_handle(multi, easy)
        guard added == CURLM_OK else { return .failure(CurlFailure.multi("curl_multi_add_handle", added)) }
        control.attach(multi)
        defer {
            control.attach(nil)
            curl_multi_remove_handle(multi, easy)
        }
        var running: Int32 = 1
        while true {
            let performed = curl_multi_perform(multi, &running)
            guard performed == CURLM_OK else { return .failure(CurlFailure.multi("curl_multi_perform", performed)) }
            if running == 0 { break }
            if control.isCancelled { return .failure(CurlFailure.cancelled) }
            let polled = curl_multi_poll(multi, nil, 0, 1000, nil)
            guard polled == CURLM_OK else { return .failure(CurlFailure.multi("curl_multi_poll", polled)) }
            if control.isCancelled { return .failure(CurlFailure.cancelled) }
        }
        var code = CURLE_OK
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi, &queued) {
            if message.pointee.msg == CURLMSG_DONE { code = message.pointee.data.result }
        }
        var connects = 0
        if cfi_getinfo_long(easy, CURLINFO_NUM_CONNECTS, &connects) == CURLE_OK { lastConnectCount = connects }
        return exchange.finish(easy, code: code)
    }
}
