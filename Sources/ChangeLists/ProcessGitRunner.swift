import TextTrimming

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// ``GitRunner`` that starts the `git` found on `PATH` with `posix_spawnp`, bounded in time and output.
///
/// Foundation's `Process` is not in FoundationEssentials, so this spawns directly. Standard output and standard error
/// are read through pipes with `poll`; past `timeoutSeconds` or `maximumOutputBytes` the child is killed and the run
/// fails with a sentence saying which bound was hit. Git runs with `GIT_TERMINAL_PROMPT=0` so it can never wait for
/// a password, and `LC_ALL=C` so its messages are stable.
public struct ProcessGitRunner: GitRunner {
    /// The environment git runs with (PATH and HOME come from here).
    public let environment: [String: String]
    /// Wall-clock limit for one git command.
    public let timeoutSeconds: Int
    /// Limit on standard output; a diff of 1,000,000 paths is about 60 MB.
    public let maximumOutputBytes: Int

    public init(environment: [String: String], timeoutSeconds: Int = 120, maximumOutputBytes: Int = 512 << 20) {
        self.environment = environment
        self.timeoutSeconds = timeoutSeconds
        self.maximumOutputBytes = maximumOutputBytes
    }

    public func run(_ arguments: [String], in directory: String) throws -> [UInt8] {
        let command = "git " + arguments.joined(separator: " ")
        var environment = self.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["LC_ALL"] = "C"
        let argv = ["git", "-C", directory] + arguments
        let envp = environment.map { "\($0.key)=\($0.value)" }
        var output: [Int32] = [0, 0]
        var errors: [Int32] = [0, 0]
        guard pipe(&output) == 0, pipe(&errors) == 0 else {
            throw failure(command, "could not create a pipe (\(String(cString: strerror(errno))))")
        }
        var actions = Self.makeFileActions()
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addclose(&actions, output[0])
        posix_spawn_file_actions_addclose(&actions, errors[0])
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        var pid: pid_t = 0
        let spawned = Self.withCStrings(argv) { argvPointers in
            Self.withCStrings(envp) { envpPointers in
                posix_spawnp(&pid, "git", &actions, nil, argvPointers, envpPointers)
            }
        }
        close(output[1])
        close(errors[1])
        guard spawned == 0 else {
            close(output[0])
            close(errors[0])
            throw ChangeListError(
                .gitRange,
                message: "git could not be started (\(String(cString: strerror(spawned)))). Install git on the "
                    + "runner or put it on PATH.")
        }
        let (stdout, stderr, problem) = collect(output: output[0], errors: errors[0], pid: pid)
        close(output[0])
        close(errors[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        if let problem { throw failure(command, problem) }
        let exited = status & 0x7F == 0
        let code = (status >> 8) & 0xFF
        guard exited, code == 0 else {
            let message = String(decoding: stderr.prefix(2_000), as: UTF8.self)
                .split(separator: "\n").map { $0.trimmingASCIIWhitespace() }.joined(separator: " ")
            throw failure(command, exited ? "exited with status \(code): \(message)" : "was killed by a signal")
        }
        return stdout
    }

    /// Reads both pipes until end of file, the deadline or the output limit (then kills the child).
    private func collect(output: Int32, errors: Int32, pid: pid_t) -> ([UInt8], [UInt8], String?) {
        var stdout: [UInt8] = []
        var stderr: [UInt8] = []
        var open = [output, errors]
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var started = timespec()
        clock_gettime(CLOCK_MONOTONIC, &started)
        while !open.isEmpty {
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            let elapsedMilliseconds =
                (now.tv_sec - started.tv_sec) * 1_000 + (now.tv_nsec - started.tv_nsec) / 1_000_000
            let remaining = timeoutSeconds * 1_000 - elapsedMilliseconds
            if remaining <= 0 {
                kill(pid, SIGKILL)
                return (stdout, stderr, "did not finish within \(timeoutSeconds) seconds")
            }
            var descriptors = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&descriptors, nfds_t(descriptors.count), Int32(min(remaining, 1_000)))
            if ready < 0 && errno != EINTR { break }
            for descriptor in descriptors where descriptor.revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(descriptor.fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    if descriptor.fd == output {
                        stdout += buffer[0..<count]
                        if stdout.count > maximumOutputBytes {
                            kill(pid, SIGKILL)
                            return (stdout, stderr, "printed more than \(maximumOutputBytes >> 20) MiB")
                        }
                    } else if stderr.count < 65_536 {
                        stderr += buffer[0..<count]
                    }
                } else if count == 0 || errno != EINTR {
                    open.removeAll { $0 == descriptor.fd }
                }
            }
        }
        return (stdout, stderr, nil)
    }

    /// The error for a git command that failed.
    private func failure(_ command: String, _ problem: String) -> ChangeListError {
        ChangeListError(.gitRange, message: "'\(command)' \(problem).", fix: .checkRangeAndHistory)
    }

    /// Calls `body` with a NULL-terminated array of C strings.
    private static func withCStrings<Result>(
        _ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> Result
    ) -> Result {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { for pointer in pointers { free(pointer) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    #if canImport(Darwin)
        private static func makeFileActions() -> posix_spawn_file_actions_t? {
            var actions: posix_spawn_file_actions_t?
            posix_spawn_file_actions_init(&actions)
            return actions
        }
    #else
        private static func makeFileActions() -> posix_spawn_file_actions_t {
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            return actions
        }
    #endif
}
