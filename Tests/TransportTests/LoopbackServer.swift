import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 for CurlTransport's tests: answers each request with bytes the test chose,
/// keeps connections open between requests, and counts the connections it accepted.
///
/// Every blocking read has a 60 s receive timeout (long, so a loaded machine never sees a kept connection closed
/// under it) and `stop()` shuts the listening socket down, so no loop outlives the test for long.
final class LoopbackServer: Sendable {
    /// What to send back for one request: raw bytes (status line, headers and body), then optionally close.
    struct Reply: Sendable {
        var bytes: [UInt8]
        var close = false

        /// A complete answer with a Content-Length.
        static func http(
            status: Int = 200, headers: [(String, String)] = [], body: [UInt8] = [], close: Bool = false
        ) -> Reply {
            var head = "HTTP/1.1 \(status) Test\r\n"
            for (name, value) in headers { head += "\(name): \(value)\r\n" }
            head += "Content-Length: \(body.count)\r\n\r\n"
            return Reply(bytes: Array(head.utf8) + body, close: close)
        }
    }

    let port: UInt16
    private let listener: Int32
    private let state = Mutex<(connections: Int, requests: [String])>((0, []))
    private let answer: @Sendable (_ requestIndex: Int, _ head: String) -> Reply

    /// Starts listening; `answer` is called with the request's index (0-based, over all connections) and head.
    init(answer: @escaping @Sendable (_ requestIndex: Int, _ head: String) -> Reply) throws {
        self.answer = answer
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw ServerError.setup("socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(socketFD, 16) == 0 else {
            close(socketFD)
            throw ServerError.setup("bind/listen")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
        }
        listener = socketFD
        port = UInt16(bigEndian: address.sin_port)
        // Own serial queues: they get threads of their own, where the global queue's few would be blocked in recv.
        DispatchQueue(label: "loopback.accept").async { [self] in acceptLoop() }
    }

    enum ServerError: Error { case setup(String) }

    var url: String { "http://127.0.0.1:\(port)" }
    /// Connections accepted so far.
    var connections: Int { state.withLock { $0.connections } }
    /// The request heads received so far, in order.
    var requests: [String] { state.withLock { $0.requests } }

    /// Stops accepting; open connections end at their next read. The accept loop closes the socket itself when it
    /// wakes, so the descriptor number cannot be reused by another test's socket while the loop still holds it.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
    }

    /// Accepts until the listening socket is shut down.
    private func acceptLoop() {
        defer { close(listener) }
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            state.withLock { $0.connections += 1 }
            var timeout = timeval(tv_sec: 60, tv_usec: 0)
            setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            DispatchQueue(label: "loopback.connection").async { [self] in serve(connection) }
        }
    }

    /// Reads requests on one connection and answers each; bounded by the peer closing or the receive timeout.
    private func serve(_ connection: Int32) {
        defer { close(connection) }
        var buffer: [UInt8] = []
        while let head = readHead(connection, &buffer) {
            let bodyLength = Self.contentLength(head)
            while buffer.count < bodyLength {
                guard read(connection, &buffer) else { return }
            }
            buffer.removeFirst(min(bodyLength, buffer.count))
            let index = state.withLock { state in
                state.requests.append(head)
                return state.requests.count - 1
            }
            let reply = answer(index, head)
            guard write(connection, reply.bytes), !reply.close else { return }
        }
    }

    private func readHead(_ connection: Int32, _ buffer: inout [UInt8]) -> String? {
        let end: [UInt8] = [13, 10, 13, 10]
        while true {
            if let range = buffer.firstRange(of: end) {
                let head = String(decoding: buffer[..<range.lowerBound], as: UTF8.self)
                buffer.removeFirst(range.upperBound)
                return head
            }
            guard buffer.count < 1 << 20, read(connection, &buffer) else { return nil }
        }
    }

    private func read(_ connection: Int32, _ buffer: inout [UInt8]) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = recv(connection, &chunk, chunk.count, 0)
        guard count > 0 else { return false }
        buffer += chunk[..<count]
        return true
    }

    private func write(_ connection: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    static func contentLength(_ head: String) -> Int {
        for line in head.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "content-length" {
                return Int(parts[1].trimmingPrefix(" ")) ?? 0
            }
        }
        return 0
    }
}
