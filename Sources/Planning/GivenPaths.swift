import ChangeLists
import Paths

/// Paths given as such (`PATH…`, `--paths-file`, `CLOUDFRONT_PATHS`) prepared for the fold on the same packed-bytes
/// pipeline as change lists, so a million-line paths file folds as fast as a million-line change list.
///
/// A path that is already exactly what ``PathRules`` would send (it starts with `/`, holds only visible ASCII that
/// needs no encoding, has `*` only at the end and fits CloudFront's length) is packed as it is, without building a
/// `String` or a `Character` array; anything else (a missing `/`, `%`, non-ASCII, blanks, a tag, an error) goes
/// through ``PathRules`` one by one, so both routes send exactly the same bytes.
enum GivenPaths {
    /// The normalised URL paths and the cache tags of `raw`; nil when any item is an error (``PathSet`` then reports
    /// every error).
    static func normalized(_ raw: [String], encode: Bool) -> (urls: ByteStrings, tags: [String])? {
        var urls = ByteStrings()
        urls.reserveCapacity(strings: raw.count, totalBytes: raw.count * 40)
        var tags: [String] = []
        for path in raw {
            let plain = path.utf8.withContiguousStorageIfAvailable { bytes in
                guard isSentAsIs(bytes) else { return false }
                urls.append(bytes)
                return true
            }
            if plain == true { continue }
            switch PathRules.normalize(path, encode: encode) {
            case .failure:
                return nil
            case .success(let normalized):
                if normalized.path.kind == .tag {
                    tags.append(normalized.path.value)
                } else {
                    urls.append(normalized.path.value.utf8)
                }
            }
        }
        return (urls, tags)
    }

    /// True when ``PathRules/normalize(_:encode:)`` would return `bytes` unchanged, with or without encoding.
    static func isSentAsIs(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, first == UInt8(ascii: "/"), bytes.count <= PathRules.maximumPathLength else {
            return false
        }
        let last = bytes.count - 1
        for (offset, byte) in bytes.enumerated() {
            guard byte > 0x20, byte < 0x7F, !needsEncoding[Int(byte)] else { return false }
            if byte == UInt8(ascii: "*") && offset != last { return false }
        }
        return true
    }

    /// Visible ASCII bytes the encoder would change (RFC 1738's unsafe set, `%`), by byte value.
    static let needsEncoding: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in " \"<>#{}|\\^[]`%".utf8 { table[Int(byte)] = true }
        return table
    }()
}
