#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Many byte strings packed into one buffer, so a million URL paths cost two arrays rather than a million.
///
/// Used for the URL paths the folder works on: sorting, prefix comparisons and the trie walk read the packed
/// bytes directly, which keeps planning 1,000,000 paths within the benchmark's time and memory goals.
public struct ByteStrings: Sendable, Equatable {
    /// Every string's bytes, back to back.
    public private(set) var bytes: [UInt8] = []
    /// `starts[i]..<starts[i + 1]` is string `i`; always one longer than the number of strings.
    public private(set) var starts: [Int] = [0]

    public init() {}

    /// The number of strings held.
    public var count: Int { starts.count - 1 }

    /// Appends one string.
    public mutating func append(_ string: some Collection<UInt8>) {
        bytes.append(contentsOf: string)
        starts.append(bytes.count)
    }

    /// Packs `strings`.
    public init(_ strings: [String]) {
        for string in strings { append(string.utf8) }
    }

    /// Every string, decoded.
    public var strings: [String] { (0..<count).map { string($0) } }

    /// Reserves room for `strings` strings of `totalBytes` bytes in all.
    public mutating func reserveCapacity(strings: Int, totalBytes: Int) {
        bytes.reserveCapacity(totalBytes)
        starts.reserveCapacity(strings + 1)
    }

    /// Whether strings `a` and `b` are equal, without slicing (the hot path of de-duplication).
    public func equal(_ a: Int, _ b: Int) -> Bool {
        let length = starts[a + 1] - starts[a]
        guard length == starts[b + 1] - starts[b] else { return false }
        return bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            return memcmp(base + starts[a], base + starts[b], length) == 0
        }
    }

    /// Appends string `index` of `other`.
    public mutating func append(from other: ByteStrings, _ index: Int) {
        other.bytes.withUnsafeBufferPointer { buffer in
            bytes.append(
                contentsOf: UnsafeBufferPointer(rebasing: buffer[other.starts[index]..<other.starts[index + 1]]))
        }
        starts.append(bytes.count)
    }

    /// The length of string `index` in bytes.
    public func length(_ index: Int) -> Int { starts[index + 1] - starts[index] }

    /// String `index` as bytes.
    public subscript(index: Int) -> ArraySlice<UInt8> { bytes[starts[index]..<starts[index + 1]] }

    /// String `index` decoded as UTF-8 (paths are ASCII after percent-encoding).
    public func string(_ index: Int) -> String { String(decoding: self[index], as: UTF8.self) }

    /// The first `length` bytes of string `index` as text.
    public func prefix(of index: Int, length: Int) -> String {
        String(decoding: bytes[starts[index]..<(starts[index] + length)], as: UTF8.self)
    }
}
