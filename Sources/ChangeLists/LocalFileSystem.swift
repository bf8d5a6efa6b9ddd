#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// ``ChangeListFileSystem`` on the real file system, with POSIX calls (no Foundation needed).
public struct LocalFileSystem: ChangeListFileSystem {
    /// Chunk size for hashing.
    static let chunkSize = 1 << 20

    public init() {}

    public func listFiles(under directory: String) throws -> [String] {
        var status = stat()
        guard stat(directory, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
            throw ChangeListError(
                input: directory,
                message: "The site directory '\(directory)' does not exist or is not a directory.",
                fix: .nameSiteFolder)
        }
        var files: [String] = []
        try walk(directory, relative: "", into: &files, depth: 0)
        return files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Adds the files below `path` to `files`; depth-limited against symbolic-link loops.
    private func walk(_ path: String, relative: String, into files: inout [String], depth: Int) throws {
        guard depth < 64 else {
            throw ChangeListError(
                input: path,
                message: "The directory '\(path)' is nested more than 64 levels deep, probably through a symbolic "
                    + "link loop. Remove the loop from the site directory.")
        }
        guard let handle = opendir(path) else {
            throw ChangeListError(
                input: path,
                message: "The directory '\(path)' cannot be read (\(Self.lastError())). Check its "
                    + "permissions.")
        }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        for name in names {
            let full = path + "/" + name
            let key = relative.isEmpty ? name : relative + "/" + name
            var status = stat()
            guard stat(full, &status) == 0 else { continue }  // a dangling symbolic link is not a file to serve
            switch status.st_mode & S_IFMT {
            case S_IFDIR: try walk(full, relative: key, into: &files, depth: depth + 1)
            case S_IFREG: files.append(key)
            default: continue
            }
        }
    }

    public func readFile(_ path: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try forEachChunk(of: path) { bytes += $0 }
        return bytes
    }

    public func forEachChunk(of path: String, _ body: ([UInt8]) -> Void) throws {
        let descriptor = path == "-" ? 0 : open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw ChangeListError(
                input: path, message: "The file '\(path)' cannot be opened (\(Self.lastError())). Check the path.")
        }
        defer { if descriptor != 0 { close(descriptor) } }
        var buffer = [UInt8](repeating: 0, count: Self.chunkSize)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ChangeListError(
                    input: path, message: "The file '\(path)' cannot be read (\(Self.lastError())). Check the path.")
            }
            if count == 0 { return }
            body(Array(buffer[0..<count]))
        }
    }

    public func fileExists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    public func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        let failure = { (what: String) in
            ChangeListError(
                input: path,
                message: "The manifest '\(path)' could not be written (\(what): \(Self.lastError())). Check that its "
                    + "folder exists and is writable; the previous manifest was left as it was.")
        }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw failure("creating \(temporary)") }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                let error = failure("writing")
                close(descriptor)
                unlink(temporary)
                throw error
            }
            written += count
        }
        guard fsync(descriptor) == 0, close(descriptor) == 0 else {
            let error = failure("flushing")
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let error = failure("renaming")
            unlink(temporary)
            throw error
        }
    }

    /// The text of `errno`.
    static func lastError() -> String {
        String(cString: strerror(errno))
    }
}
