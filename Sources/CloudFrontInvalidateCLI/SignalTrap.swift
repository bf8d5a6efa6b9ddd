import Dispatch
import ExitCodes
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns SIGINT and SIGTERM into task cancellation, so a run stops polling at once (the request in flight is
/// abandoned by the transport) and still reports what it created; the exit code then says which signal it was (130
/// or 143). A second signal ends the process at once, for when the first one's orderly stop is not wanted.
///
/// `@unchecked Sendable`: the dispatch sources are only kept alive here, never touched after `init`.
final class SignalTrap: @unchecked Sendable {
    private let received = SignalRecord()
    private let sources: [any DispatchSourceSignal]

    /// Installs handlers that record the signal and call `onSignal` (once per signal delivered).
    init(onSignal: @escaping @Sendable () -> Void) {
        let record = received
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if let first = record.first {
                    // The second signal: no more reporting, end now with the first signal's status.
                    _exit(128 + first)
                }
                record.note(number)
                onSignal()
            }
            source.resume()
            return source
        }
    }

    /// The first signal received, if any.
    var receivedSignal: Int32? { received.first }

    /// The exit status for the first signal received.
    var exitStatus: ExitStatus? {
        switch receivedSignal {
        case SIGINT?: .interrupted
        case SIGTERM?: .terminated
        default: nil
        }
    }

    /// "SIGINT" or "SIGTERM", for the log.
    var signalName: String { receivedSignal == SIGTERM ? "SIGTERM" : "SIGINT" }
}

/// Runs `body` in a task that a SIGINT or SIGTERM cancels; returns its status, or the signal's when one came.
func runCancellableOnSignal(_ body: @escaping @Sendable (SignalTrap) async -> ExitStatus) async -> ExitStatus {
    let running = Mutex<Task<ExitStatus, Never>?>(nil)
    let trap = SignalTrap { running.withLock { $0?.cancel() } }
    let task = Task { await body(trap) }
    running.withLock { $0 = task }
    if trap.receivedSignal != nil { task.cancel() }
    let status = await task.value
    return trap.exitStatus ?? status
}

/// The first signal delivered.
private final class SignalRecord: Sendable {
    private let value = Mutex<Int32?>(nil)
    var first: Int32? { value.withLock { $0 } }
    func note(_ number: Int32) { value.withLock { $0 = $0 ?? number } }
}
