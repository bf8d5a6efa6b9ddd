#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads pipeline files for the resolver: at most `limit + 1` bytes, so an oversized file is refused without
/// being loaded, and standard input for "-".
enum BoundedFileReader {
    static func contents(of path: String, limit: Int) throws -> [UInt8] {
        let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY)
        guard descriptor >= 0 else { throw FileReadError(path: path) }
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        // Bounded by the limit: stops one byte past it.
        while bytes.count <= limit {
            let count = chunk.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress, min(buffer.count, limit + 1 - bytes.count))
            }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw FileReadError(path: path) }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        return bytes
    }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }
}
