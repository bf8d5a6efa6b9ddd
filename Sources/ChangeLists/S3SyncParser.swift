import Paths

/// Reads the lines `aws s3 sync` and `aws s3 cp` / `mv` / `rm` print, and lists the S3 keys that changed.
///
/// The AWS CLI prints `<type>: <src> to <dest>` (upload, copy, move, download) or `delete: <src>` for each finished
/// transfer, `(dryrun) …` for planned ones, `<type> failed: …` for failures, and `Completed …` progress lines ended
/// by a carriage return that the next line overwrites, padded with spaces (awscli/customizations/s3/results.py,
/// `ResultPrinter`). Keys are printed verbatim, unquoted, so a key may hold spaces, quotes, non-ASCII characters or
/// even ` to `; the destination is taken after the *last* ` to s3://`. Trailing spaces are padding and are removed
/// (a key that really ends in a space loses it; S3 keys rarely do). Lines the CLI never prints are an error rather
/// than being skipped, so a wrong file does not look like "no changes". Works on bytes: a million lines parse in
/// well under a second.
enum S3SyncParser {
    /// What the output names.
    struct Result: Equatable {
        /// Changed keys (without bucket), in order of appearance, packed.
        var packedKeys = ByteStrings()
        /// Buckets the keys belong to, in order of first appearance.
        var buckets: [String] = []
        /// Whole-sentence notes for the log.
        var notices: [String] = []

        /// The keys as strings.
        var keys: [String] { (0..<packedKeys.count).map { packedKeys.string($0) } }
    }

    /// Parses `text`; `name` is the file name (or `standard input`) used in messages.
    static func parse(_ text: String, name: String) throws -> Result {
        try parse(bytes: Array(text.utf8), name: name)
    }

    /// Parses the raw output.
    static func parse(bytes: [UInt8], name: String) throws -> Result {
        var result = Result()
        var failures = 0
        var dryRuns = 0
        var ignoredLines: [(Int, String)] = []
        var lineNumber = 0
        try bytes.withUnsafeBufferPointer { buffer in
            var lineStart = 0
            while lineStart < buffer.count {
                var lineEnd = lineStart
                while lineEnd < buffer.count, buffer[lineEnd] != 10 { lineEnd += 1 }
                lineNumber += 1
                let line = visibleText(buffer, lineStart, lineEnd)
                lineStart = lineEnd + 1
                guard line.lowerBound < line.upperBound else { continue }
                var start = line.lowerBound
                if has(buffer, start, line.upperBound, Prefix.dryRun) {
                    start += Prefix.dryRun.count
                    dryRuns += 1
                }
                if has(buffer, start, line.upperBound, Prefix.completed)
                    || has(buffer, start, line.upperBound, Prefix.warning)
                    || has(buffer, start, line.upperBound, Prefix.download)
                {
                    continue
                }
                if has(buffer, start, line.upperBound, Prefix.fatal)
                    || has(buffer, start, line.upperBound, Prefix.cancelled)
                    || Prefix.failures.contains(where: { has(buffer, start, line.upperBound, $0) })
                {
                    failures += 1
                    continue
                }
                guard try record(buffer, start, line.upperBound, into: &result) else {
                    ignoredLines.append((lineNumber, String(decoding: buffer[line], as: UTF8.self)))
                    continue
                }
            }
        }
        if !ignoredLines.isEmpty {
            let shown = ignoredLines.prefix(3).map {
                "line \($0.0): '\(PathRules.printable(String($0.1.prefix(80))))'"
            }
            throw ChangeListError(
                input: name,
                message: "\(name) has \(ignoredLines.count) line(s) that aws s3 sync or cp does not print ("
                    + shown.joined(separator: "; ") + ").", fix: .passSyncOutput)
        }
        if dryRuns > 0 {
            result.notices.append("\(name) lists \(dryRuns) planned (--dryrun) transfers; they are treated as changes.")
        }
        if failures > 0 {
            result.notices.append(
                "\(name) reports \(failures) failed transfer(s) or errors; only the objects it reports as done are "
                    + "invalidated.")
        }
        if result.buckets.count > 1 {
            result.notices.append(
                "\(name) names objects in \(result.buckets.count) buckets (\(result.buckets.joined(separator: ", "))); "
                    + "keys from all of them are invalidated.")
        }
        return result
    }

    /// The prefixes the AWS CLI prints, as bytes.
    enum Prefix {
        static let dryRun = Array("(dryrun) ".utf8)
        static let completed = Array("Completed ".utf8)
        static let warning = Array("warning: ".utf8)
        static let download = Array("download: ".utf8)
        static let fatal = Array("fatal error: ".utf8)
        static let cancelled = Array("cancelled: ".utf8)
        static let failures = ["upload", "download", "copy", "move", "delete"].map { Array(($0 + " failed: ").utf8) }
        static let upload = Array("upload: ".utf8)
        static let copy = Array("copy: ".utf8)
        static let move = Array("move: ".utf8)
        static let delete = Array("delete: ".utf8)
        static let toS3 = Array(" to s3://".utf8)
        static let to = Array(" to ".utf8)
        static let s3 = Array("s3://".utf8)
    }

    /// Adds the keys a transfer line names; false when the line is not a transfer line.
    static func record(
        _ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, into result: inout Result
    ) throws -> Bool {
        if has(buffer, start, end, Prefix.upload) {
            guard let separator = lastIndex(of: Prefix.toS3, in: buffer, start + Prefix.upload.count, end) else {
                return false
            }
            addURI(buffer, separator + 4, end, into: &result)
            return true
        }
        let isMove = has(buffer, start, end, Prefix.move)
        if isMove || has(buffer, start, end, Prefix.copy) {
            let sourceStart = start + (isMove ? Prefix.move.count : Prefix.copy.count)
            let sourceIsS3 = has(buffer, sourceStart, end, Prefix.s3)
            if let separator = lastIndex(of: Prefix.toS3, in: buffer, sourceStart, end) {
                if isMove, sourceIsS3 { addURI(buffer, sourceStart, separator, into: &result) }
                addURI(buffer, separator + 4, end, into: &result)
                return true
            }
            // Moved from S3 to a local file: the object is gone.
            guard isMove, sourceIsS3, let separator = lastIndex(of: Prefix.to, in: buffer, sourceStart, end) else {
                return false
            }
            addURI(buffer, sourceStart, separator, into: &result)
            return true
        }
        if has(buffer, start, end, Prefix.delete), has(buffer, start + Prefix.delete.count, end, Prefix.s3) {
            addURI(buffer, start + Prefix.delete.count, end, into: &result)
            return true
        }
        return false
    }

    /// Adds the key of `s3://bucket/key` in `buffer[start..<end]`; a bare bucket or empty key adds nothing.
    static func addURI(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, into result: inout Result) {
        let bucketStart = start + Prefix.s3.count
        var slash = bucketStart
        while slash < end, buffer[slash] != UInt8(ascii: "/") { slash += 1 }
        guard slash + 1 < end else { return }
        if result.buckets.count < 16 {
            let bucket = String(decoding: UnsafeBufferPointer(rebasing: buffer[bucketStart..<slash]), as: UTF8.self)
            if !result.buckets.contains(bucket) { result.buckets.append(bucket) }
        }
        result.packedKeys.append(UnsafeBufferPointer(rebasing: buffer[(slash + 1)..<end]))
    }

    /// The part of a line a terminal would show: after the last carriage return, without padding.
    static func visibleText(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Range<Int> {
        var segmentEnd = end
        while true {
            var segmentStart = segmentEnd
            while segmentStart > start, buffer[segmentStart - 1] != 13 { segmentStart -= 1 }
            var trimmedEnd = segmentEnd
            while trimmedEnd > segmentStart, buffer[trimmedEnd - 1] == 32 || buffer[trimmedEnd - 1] == 9 {
                trimmedEnd -= 1
            }
            var trimmedStart = segmentStart
            while trimmedStart < trimmedEnd, buffer[trimmedStart] == 32 { trimmedStart += 1 }
            if trimmedStart < trimmedEnd { return trimmedStart..<trimmedEnd }
            if segmentStart <= start { return start..<start }
            segmentEnd = segmentStart - 1
        }
    }

    /// Whether `buffer[start..<end]` starts with `prefix`.
    @inline(__always) static func has(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ prefix: [UInt8])
        -> Bool
    {
        guard end - start >= prefix.count else { return false }
        for offset in 0..<prefix.count where buffer[start + offset] != prefix[offset] { return false }
        return true
    }

    /// The start of the last occurrence of `needle` in `buffer[start..<end]`.
    static func lastIndex(of needle: [UInt8], in buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var position = end - needle.count
        while position >= start {
            if has(buffer, position, end, needle) { return position }
            position -= 1
        }
        return nil
    }
}
