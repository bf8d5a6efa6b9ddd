/// The content hashes of a built site, as `sha256sum` prints them, so the next run can tell what changed.
///
/// One line per file, sorted by path: `<sha256 hex>  <path>`, the format of GNU `sha256sum`, so
/// `cd public && sha256sum -c ../manifest` checks it. As in `sha256sum`, a path containing `\`, a newline or a
/// carriage return is written escaped (`\\`, `\n`, `\r`) on a line that starts with `\`.
public struct ContentManifest: Sendable, Equatable {
    /// Relative path (`/`-separated) → lowercase hex SHA-256 of the file's content.
    public var hashes: [String: String]

    public init(hashes: [String: String] = [:]) {
        self.hashes = hashes
    }

    /// The manifest file's text, sorted by path.
    public func encoded() -> [UInt8] {
        var text: [UInt8] = []
        for path in hashes.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let needsEscape = path.utf8.contains { $0 == UInt8(ascii: "\\") || $0 == 10 || $0 == 13 }
            if needsEscape { text.append(UInt8(ascii: "\\")) }
            text += hashes[path, default: ""].utf8
            text += Array("  ".utf8)
            for byte in path.utf8 {
                switch byte {
                case UInt8(ascii: "\\") where needsEscape: text += Array("\\\\".utf8)
                case 10: text += Array("\\n".utf8)
                case 13: text += Array("\\r".utf8)
                default: text.append(byte)
                }
            }
            text.append(10)
        }
        return text
    }

    /// Reads a manifest written by ``encoded()`` (or by `sha256sum`); `name` is used in error messages.
    public static func decode(_ bytes: [UInt8], name: String) throws -> ContentManifest {
        var hashes: [String: String] = [:]
        for (offset, rawLine) in bytes.split(separator: 10, omittingEmptySubsequences: false).enumerated() {
            var line = rawLine
            if line.isEmpty { continue }
            let escaped = line.first == UInt8(ascii: "\\")
            if escaped { line = line.dropFirst() }
            let hash = line.prefix(64)
            let separator = line.dropFirst(64).prefix(2)
            guard hash.count == 64, hash.allSatisfy(isLowerHex),
                separator.elementsEqual("  ".utf8) || separator.elementsEqual(" *".utf8), line.count > 66
            else {
                throw ChangeListError(
                    input: name,
                    message: "Line \(offset + 1) of the manifest '\(name)' is not '<sha256>  <path>'. Restore the "
                        + "file, or delete it to invalidate every file once and start a new manifest.")
            }
            let rawPath = line.dropFirst(66)
            let path = escaped ? unescape(rawPath) : String(decoding: rawPath, as: UTF8.self)
            hashes[path] = String(decoding: hash, as: UTF8.self)
        }
        return ContentManifest(hashes: hashes)
    }

    /// Undoes `\\`, `\n` and `\r`.
    static func unescape(_ bytes: ArraySlice<UInt8>) -> String {
        var result: [UInt8] = []
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "\\"), let next = iterator.next() else {
                result.append(byte)
                continue
            }
            switch next {
            case UInt8(ascii: "n"): result.append(10)
            case UInt8(ascii: "r"): result.append(13)
            default: result.append(next)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// `0-9a-f`.
    static func isLowerHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}
