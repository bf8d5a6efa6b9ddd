#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
#if canImport(Dispatch)
    import Dispatch
#endif

/// The live `ProcessRunner`: `posix_spawnp` with stdin from /dev/null and stdout/stderr on pipes read with `poll`
/// until EOF, the deadline (then SIGKILL) or the size cap (then SIGKILL). Blocking work runs off the cooperative pool.
///
/// The deadline is read from an injected monotonic clock, so a test can pass it without waiting for it (and without
/// bounding wall time, which a busy machine stretches).
public struct SpawnProcessRunner: ProcessRunner {
    /// Time since an arbitrary fixed point, never going back.
    let now: @Sendable () -> Duration

    public init(now: @escaping @Sendable () -> Duration = SpawnProcessRunner.monotonicNow) {
        self.now = now
    }

    /// The system's monotonic clock, as time since the first reading.
    public static let monotonicNow: @Sendable () -> Duration = {
        let origin = ContinuousClock.now
        return { ContinuousClock.now - origin }
    }()

    public func run(_ arguments: [String], environment: [String: String], limits: ProcessLimits) async -> ProcessOutcome
    {
        let now = self.now
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(
                    returning: Self.runBlocking(arguments, environment: environment, limits: limits, now: now))
            }
        }
    }

    static func runBlocking(
        _ arguments: [String], environment: [String: String], limits: ProcessLimits,
        now: @Sendable () -> Duration
    ) -> ProcessOutcome {
        guard let program = arguments.first, !program.isEmpty else {
            return ProcessOutcome(termination: .failedToStart("the command is empty"))
        }
        var output: [Int32] = [-1, -1]
        var errors: [Int32] = [-1, -1]
        guard pipe(&output) == 0 else { return ProcessOutcome(termination: .failedToStart(errorText(errno))) }
        guard pipe(&errors) == 0 else {
            close(output[0])
            close(output[1])
            return ProcessOutcome(termination: .failedToStart(errorText(errno)))
        }
        for descriptor in [output[0], errors[0]] { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        posix_spawn_file_actions_addclose(&actions, output[1])
        posix_spawn_file_actions_addclose(&actions, errors[1])

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid = pid_t()
        let spawned = posix_spawnp(&pid, program, &actions, nil, argv, envp)
        close(output[1])
        close(errors[1])
        guard spawned == 0 else {
            close(output[0])
            close(errors[0])
            return ProcessOutcome(termination: .failedToStart(errorText(spawned)))
        }

        let (stdout, stderr, stopped) = collect(
            output: output[0], errors: errors[0], pid: pid, limits: limits, now: now)
        close(output[0])
        close(errors[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        if let stopped { return ProcessOutcome(termination: stopped, stdout: stdout, stderr: stderr) }
        let signal = status & 0x7F
        let termination: ProcessOutcome.Termination =
            signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
        return ProcessOutcome(termination: termination, stdout: stdout, stderr: stderr)
    }

    /// Reads both pipes until both close; kills the child on the deadline or the size cap.
    private static func collect(
        output: Int32, errors: Int32, pid: pid_t, limits: ProcessLimits, now: @Sendable () -> Duration
    ) -> ([UInt8], [UInt8], ProcessOutcome.Termination?) {
        let deadline = now() + limits.timeout
        var buffers: [[UInt8]] = [[], []]
        var open = [true, true]
        var chunk = [UInt8](repeating: 0, count: 8192)
        while open.contains(true) {
            let left = deadline - now()
            guard left > .zero else {
                kill(pid, SIGKILL)
                return (buffers[0], buffers[1], .timedOut)
            }
            var descriptors = [output, errors].enumerated().map { index, descriptor in
                pollfd(fd: open[index] ? descriptor : -1, events: Int16(POLLIN), revents: 0)
            }
            let milliseconds = Int32(
                min(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1, 1000))
            let ready = poll(&descriptors, nfds_t(descriptors.count), milliseconds)
            if ready < 0 && errno != EINTR { break }
            for index in 0..<2 where open[index] && descriptors[index].revents != 0 {
                let count = chunk.withUnsafeMutableBytes { read(descriptors[index].fd, $0.baseAddress, $0.count) }
                if count <= 0 {
                    if count < 0 && errno == EINTR { continue }
                    open[index] = false
                    continue
                }
                buffers[index] += chunk[0..<count]
                if buffers[0].count + buffers[1].count > limits.maxOutputBytes {
                    kill(pid, SIGKILL)
                    return (buffers[0], buffers[1], .outputTooLarge)
                }
            }
        }
        return (buffers[0], buffers[1], nil)
    }

    private static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
