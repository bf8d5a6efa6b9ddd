/// How object keys (S3 keys, files under the site directory) become the URL paths viewers request.
///
/// `--origin-path` is removed from the front of each key (keys outside it are not served by the distribution and
/// are skipped), `--url-prefix` is put in front, and a key naming the index document (`docs/index.html`) also
/// stands for its directory URL (`/docs/`), which is what viewers request and CloudFront caches separately.
public struct URLMapping: Sendable, Equatable {
    /// The origin path without leading or trailing `/` (`prod/site`), or empty.
    public let originPath: String
    /// The URL prefix with a leading and no trailing `/` (`/blog`), or empty.
    public let urlPrefix: String
    /// The index document name (`index.html`), or nil when `--index-document ''` turned it off.
    public let indexDocument: String?

    private let originBytes: [UInt8]
    private let prefixBytes: [UInt8]
    private let indexBytes: [UInt8]

    /// Normalises the three settings; slashes around the prefixes are optional on input.
    public init(originPath: String = "", urlPrefix: String = "", indexDocument: String? = "index.html") {
        self.originPath = Self.trimmedSlashes(originPath)
        let prefix = Self.trimmedSlashes(urlPrefix)
        self.urlPrefix = prefix.isEmpty ? "" : "/" + prefix
        if let indexDocument, !indexDocument.isEmpty {
            self.indexDocument = indexDocument
        } else {
            self.indexDocument = nil
        }
        originBytes = self.originPath.isEmpty ? [] : Array((self.originPath + "/").utf8)
        prefixBytes = Array((self.urlPrefix + "/").utf8)
        indexBytes = self.indexDocument.map { Array($0.utf8) } ?? []
    }

    /// What one key maps to.
    public enum Mapped: Sendable, Equatable {
        /// The key lies outside the origin path.
        case outsideOrigin
        /// Raw (not yet encoded) URL paths: the object's, and its directory's when it is the index document.
        case paths([String])
    }

    /// Maps `key` (with or without a leading `/`) to raw URL paths.
    public func map(_ key: String) -> Mapped {
        var paths: [String] = []
        let inside = map(Array(key.utf8)[...]) { paths.append(String(decoding: $0, as: UTF8.self)) }
        return inside ? .paths(paths) : .outsideOrigin
    }

    /// Byte-level mapping: calls `emit` with each raw URL path; false when the key is outside the origin path.
    func map(_ key: ArraySlice<UInt8>, emit: (ArraySlice<UInt8>) -> Void) -> Bool {
        var relative = key
        while relative.first == UInt8(ascii: "/") { relative = relative.dropFirst() }
        if !originBytes.isEmpty {
            guard relative.starts(with: originBytes) else { return false }
            relative = relative.dropFirst(originBytes.count)
        }
        var path = prefixBytes
        path.append(contentsOf: relative)
        emit(path[...])
        if !indexBytes.isEmpty, relative.count >= indexBytes.count,
            relative.suffix(indexBytes.count).elementsEqual(indexBytes),
            relative.count == indexBytes.count
                || relative[relative.endIndex - indexBytes.count - 1] == UInt8(ascii: "/")
        {
            emit(path.dropLast(indexBytes.count))
        }
        return true
    }

    /// `text` without leading and trailing slashes.
    static func trimmedSlashes(_ text: String) -> String {
        var trimmed = Substring(text)
        while trimmed.hasPrefix("/") { trimmed = trimmed.dropFirst() }
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }
}
