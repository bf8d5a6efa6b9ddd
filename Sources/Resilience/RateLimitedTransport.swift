import Transport

/// An `HTTPTransport` decorator that sends every request through a `RequestGate`: bounded concurrency and one
/// adaptive request rate for whatever client sits above it (listing, creating, polling alike).
public struct RateLimitedTransport: HTTPTransport {
    let base: any HTTPTransport
    public let gate: RequestGate
    let sleeper: any Sleeper

    public init(wrapping base: any HTTPTransport, gate: RequestGate, sleeper: any Sleeper = TaskSleeper()) {
        self.base = base
        self.gate = gate
        self.sleeper = sleeper
    }

    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        let ticket: RequestGate.Ticket
        do {
            ticket = try await gate.enter()
        } catch {
            throw TransportError(.other, "cancelled while waiting to send")
        }
        if ticket.delay > .zero {
            do {
                try await sleeper.sleep(for: ticket.delay)
            } catch {
                await gate.leave(ticket, throttled: nil)
                throw TransportError(.other, "cancelled while waiting to send")
            }
        }
        let response: HTTPResponse
        do {
            response = try await base.send(request)
        } catch {
            await gate.leave(ticket, throttled: nil)
            throw error
        }
        await gate.leave(ticket, throttled: ThrottlingDetector.isThrottling(response))
        return response
    }
}
