#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes to the process's stdout (results) and stderr (the log), one whole block of lines per call, and to the CI's
/// result files.
///
/// Plain `write(2)` on the file descriptors: unbuffered, so lines from concurrent targets never interleave within a
/// line and nothing is lost when a signal ends the process. (Reporters also serialise their writes with a lock.)
enum StandardStreams {
    /// The result channel: IDs or the JSON document, nothing else.
    static func writeResult(_ line: String) { write(line + "\n", to: 1) }

    /// The log channel, for people and the CI: GitHub workflow commands go here too, because the runner reads
    /// commands from stderr as well as stdout and stdout is reserved for results.
    static func writeLog(_ line: String) { write(line + "\n", to: 2) }

    /// True when stderr is a terminal (colour).
    static var logIsTerminal: Bool { isatty(2) != 0 }

    /// Appends `text` to the file at `path`, creating it (mode 0644) when missing: `$GITHUB_OUTPUT`,
    /// `$GITHUB_STEP_SUMMARY`. `O_APPEND` keeps what earlier steps wrote.
    static func append(_ text: String, toFile path: String) throws(FileWriteError) {
        try writeFile(text, path: path, flags: O_WRONLY | O_CREAT | O_APPEND)
    }

    /// Replaces the contents of the file at `path` (the dotenv report describes this run only).
    static func replace(_ text: String, inFile path: String) throws(FileWriteError) {
        try writeFile(text, path: path, flags: O_WRONLY | O_CREAT | O_TRUNC)
    }

    private static func writeFile(_ text: String, path: String, flags: Int32) throws(FileWriteError) {
        let descriptor = open(path, flags | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileWriteError(path: path, code: errno) }
        defer { close(descriptor) }
        guard write(text, to: descriptor) else { throw FileWriteError(path: path, code: errno) }
    }

    /// Writes every byte or reports failure.
    @discardableResult
    private static func write(_ text: String, to descriptor: Int32) -> Bool {
        var bytes = Array(text.utf8)
        var offset = 0
        // Bounded: each pass writes at least one byte or stops.
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written <= 0 { return false }
            offset += written
        }
        return true
    }
}

/// A CI result file that could not be written.
struct FileWriteError: Error, CustomStringConvertible {
    var path: String
    var code: Int32

    var description: String { String(cString: strerror(code)) }
}

#if canImport(Glibc)
    private let systemWrite = Glibc.write
#elseif canImport(Musl)
    private let systemWrite = Musl.write
#elseif canImport(Darwin)
    private let systemWrite = Darwin.write
#endif
