#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes to the process's stdout (results) and stderr (the log), one whole line at a time.
enum StandardStreams {
    /// The result channel: IDs or the JSON document, nothing else.
    static func writeResult(_ line: String) {
        fputs(line + "\n", stdout)
        fflush(stdout)
    }

    /// The log channel, for people and the CI.
    static func writeLog(_ line: String) {
        fputs(line + "\n", stderr)
    }

    /// True when stderr is a terminal (live progress lines, colour).
    static var logIsTerminal: Bool { isatty(2) != 0 }
}
