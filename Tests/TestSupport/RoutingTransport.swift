import Synchronization
import Transport

/// Answers each request through a handler and records every request: for callers whose request order is not fixed
/// (several targets submitting concurrently), where ``FakeTransport``'s ordered script cannot be used.
public final class RoutingTransport: HTTPTransport {
    private let handler: @Sendable (HTTPRequest) -> FakeTransport.Step
    private let recorded = Mutex<[HTTPRequest]>([])

    public init(_ handler: @escaping @Sendable (HTTPRequest) -> FakeTransport.Step) {
        self.handler = handler
    }

    /// Every request sent so far, in the order they arrived.
    public var sent: [HTTPRequest] { recorded.withLock { $0 } }

    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        recorded.withLock { $0.append(request) }
        switch handler(request) {
        case .respond(let response): return response
        case .fail(let error): throw error
        }
    }
}
