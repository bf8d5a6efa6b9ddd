/// Reads a paths file: one path a line.
///
/// Blank lines are skipped. A line that is `#` alone or starts with `# ` (hash, space) is a comment; `#tag` with no
/// space is a cache tag and is kept. Surrounding whitespace is trimmed, so a path cannot end in a space (encode it
/// as `%20`). Lines end at LF, CRLF or CR.
///
/// Limits, so a runaway producer (`yes /a | … --paths-file -`) is refused early instead of filling memory:
/// at most ``maximumBytes`` (256 MiB), ``maximumPaths`` (5,000,000, five times the 1,000,000-path fold
/// benchmark) and ``maximumLineBytes`` per line (far above CloudFront's 4,000-character path limit). The file
/// is parsed as it is read (``Parser``), so only the paths are kept, not the file's bytes.
public enum PathsFile {
    /// The largest paths file read, in bytes: 256 MiB.
    public static let maximumBytes = 256 << 20
    /// The most paths (non-comment lines) one file may hold.
    public static let maximumPaths = 5_000_000
    /// The longest line, in bytes: 64 KiB.
    public static let maximumLineBytes = 64 << 10

    /// Why a paths file is refused; `description` is a clause that follows "cannot read FILE: ".
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case invalidUTF8(line: Int, byte: UInt8)
        case tooManyBytes
        case tooManyPaths
        case lineTooLong(line: Int)

        public var description: String {
            switch self {
            case .invalidUTF8(let line, let byte):
                "line \(line) is not valid UTF-8 (byte \(UTF8Input.hex(byte))); save the file as UTF-8, or "
                    + "percent-encode the byte ('%\(UTF8Input.hex(byte).dropFirst(2))') if it is part of the "
                    + "object's key"
            case .tooManyBytes:
                "the file is larger than \(maximumBytes >> 20) MiB, the most a paths file may hold; invalidate "
                    + "fewer paths (a wildcard such as '/assets/*' covers a whole folder) or use a change list "
                    + "with --max-paths"
            case .tooManyPaths:
                "the file holds more than \(maximumPaths) paths, the most a paths file may hold; use wildcards "
                    + "(such as '/assets/*') or a change list with --max-paths"
            case .lineTooLong(let line):
                "line \(line) is longer than \(maximumLineBytes) bytes, far beyond CloudFront's "
                    + "4,000-character path limit; is this really a file of paths, one a line?"
            }
        }
    }

    /// Parses a whole text (tests, pipeline-file helpers); see ``Parser`` for files read in chunks.
    public static func parse(_ text: String) -> [String] {
        var parser = Parser()
        // A String is valid UTF-8, so only the limits can refuse it; those callers read small files.
        try? parser.consume(Array(text.utf8))
        return (try? parser.finish()) ?? parser.paths
    }

    /// The limits a ``Parser`` enforces; tests use small ones.
    public struct Limits: Sendable {
        public var bytes: Int
        public var paths: Int
        public var lineBytes: Int

        public init(bytes: Int, paths: Int, lineBytes: Int) {
            self.bytes = bytes
            self.paths = paths
            self.lineBytes = lineBytes
        }

        public static let standard = Limits(bytes: maximumBytes, paths: maximumPaths, lineBytes: maximumLineBytes)
    }

    /// Splits chunks of bytes into paths as they arrive, checking UTF-8 line by line and every limit.
    public struct Parser: Sendable {
        public let limits: Limits
        /// The paths read so far, in order.
        public private(set) var paths: [String] = []
        /// Bytes of the line not yet ended by a line break.
        private var pending: [UInt8] = []
        private var lineNumber = 0
        private var byteCount = 0
        /// The previous byte was CR, so an LF right after it ends no second line (CRLF).
        private var afterCR = false

        public init(limits: Limits = .standard) {
            self.limits = limits
        }

        /// Takes the next chunk of the file.
        public mutating func consume(_ chunk: ArraySlice<UInt8>) throws(Problem) {
            let (total, overflow) = byteCount.addingReportingOverflow(chunk.count)
            guard !overflow, total <= limits.bytes else { throw .tooManyBytes }
            byteCount = total
            var start = chunk.startIndex
            // Bounded by the chunk: every pass moves `start` forward by at least one byte, or returns.
            while start < chunk.endIndex {
                if afterCR && chunk[start] == Self.lineFeed {
                    afterCR = false
                    start += 1
                    continue
                }
                guard let end = Self.firstLineBreak(in: chunk, from: start) else {
                    try keep(chunk[start...])
                    afterCR = false
                    return
                }
                afterCR = chunk[end] == Self.carriageReturn
                if pending.isEmpty {
                    try check(length: end - start)
                    try endLine(chunk[start..<end])
                } else {
                    try keep(chunk[start..<end])
                    try endLine(pending[...])
                    pending.removeAll(keepingCapacity: true)
                }
                start = end + 1
            }
        }

        /// Takes the next chunk of the file.
        public mutating func consume(_ chunk: [UInt8]) throws(Problem) {
            try consume(chunk[...])
        }

        /// Ends the file (a last line without a line break counts) and returns every path.
        public mutating func finish() throws(Problem) -> [String] {
            if !pending.isEmpty {
                try endLine(pending[...])
                pending.removeAll()
            }
            return paths
        }

        static let lineFeed = UInt8(ascii: "\n")
        static let carriageReturn = UInt8(ascii: "\r")

        /// The index of the next LF or CR at or after `start`.
        private static func firstLineBreak(in chunk: ArraySlice<UInt8>, from start: Int) -> Int? {
            var index = start
            // Bounded by the chunk's end.
            while index < chunk.endIndex {
                let byte = chunk[index]
                if byte == lineFeed || byte == carriageReturn { return index }
                index += 1
            }
            return nil
        }

        /// Keeps the start of a line that continues in the next chunk.
        private mutating func keep(_ bytes: ArraySlice<UInt8>) throws(Problem) {
            try check(length: pending.count + bytes.count)
            pending += bytes
        }

        /// Refuses a line longer than the limit.
        private func check(length: Int) throws(Problem) {
            guard length <= limits.lineBytes else { throw .lineTooLong(line: lineNumber + 1) }
        }

        /// One complete line: trimmed of spaces and tabs, kept unless blank or a comment, decoded as UTF-8.
        private mutating func endLine(_ line: ArraySlice<UInt8>) throws(Problem) {
            lineNumber += 1
            var first = line.startIndex
            var last = line.endIndex
            while first < last, line[first] == 0x20 || line[first] == 0x09 { first += 1 }
            while last > first, line[last - 1] == 0x20 || line[last - 1] == 0x09 { last -= 1 }
            let trimmed = line[first..<last]
            guard let head = trimmed.first else { return }
            if head == UInt8(ascii: "#") {
                // `#` alone, `# …` and `#<tab>…` are comments; `#tag` is a cache tag.
                let second = trimmed.dropFirst().first
                if second == nil || second == 0x20 || second == 0x09 { return }
            }
            guard paths.count < limits.paths else { throw .tooManyPaths }
            guard let text = String(validating: trimmed, as: UTF8.self) else {
                if case .failure(let invalid) = UTF8Input.decode(trimmed) {
                    throw .invalidUTF8(line: lineNumber, byte: invalid.byte)
                }
                return
            }
            paths.append(text)
        }
    }
}
