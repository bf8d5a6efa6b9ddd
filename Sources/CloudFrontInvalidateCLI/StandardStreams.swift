#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes to the process's stdout (results) and stderr (the log), one whole line per call.
///
/// Plain `write(2)` on the file descriptors: unbuffered, so lines from concurrent targets never interleave within a
/// line and nothing is lost when a signal ends the process.
enum StandardStreams {
    /// The result channel: IDs or the JSON document, nothing else.
    static func writeResult(_ line: String) { write(line + "\n", to: 1) }

    /// The log channel, for people and the CI.
    static func writeLog(_ line: String) { write(line + "\n", to: 2) }

    /// True when stderr is a terminal (live progress lines, colour).
    static var logIsTerminal: Bool { isatty(2) != 0 }

    private static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)
        var offset = 0
        // Bounded: each pass writes at least one byte or stops.
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written <= 0 { return }
            offset += written
        }
    }
}

#if canImport(Glibc)
    private let systemWrite = Glibc.write
#elseif canImport(Musl)
    private let systemWrite = Musl.write
#elseif canImport(Darwin)
    private let systemWrite = Darwin.write
#endif
