import Configuration

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a paths file (`--paths-file`, `CLOUDFRONT_PATHS_FILE`, `paths_file:`) in chunks straight into
/// ``PathsFile/Parser``, so its limits stop a runaway input early and the file's bytes are never held whole.
///
/// Regular files, pipes (`<(git diff …)`) and sockets are read, and standard input (`-`) whatever it is; named
/// directories and devices (`/dev/zero`) are refused with a message that says so, before anything is read.
enum PathsFileReader {
    /// Why a paths file could not be read; `description` is a clause that follows "cannot read FILE: ".
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The paths of the file at `path` (standard input for "-").
    static func paths(_ path: String) throws -> [String] {
        let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw Failure(description: openFailure(errno)) }
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        if descriptor != STDIN_FILENO {
            // O_NONBLOCK only kept open() from hanging on a FIFO with no writer yet; reads should block.
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        }
        if descriptor != STDIN_FILENO {
            // Standard input may be a terminal (a device) where someone types paths; a named device is a mistake.
            var status = stat()
            guard fstat(descriptor, &status) == 0 else { throw Failure(description: openFailure(errno)) }
            if let refusal = refusal(forMode: status.st_mode) { throw Failure(description: refusal) }
        }

        var parser = PathsFile.Parser()
        var chunk = [UInt8](repeating: 0, count: 256 * 1024)
        // Bounded: the parser throws once PathsFile.maximumBytes have been read.
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw Failure(description: openFailure(errno)) }
            if count == 0 { break }
            do {
                try parser.consume(chunk[..<count])
            } catch {
                throw Failure(description: error.description)
            }
        }
        do {
            return try parser.finish()
        } catch {
            throw Failure(description: error.description)
        }
    }

    /// Why a file of this type is not read as a paths file, or nil for regular files, pipes and sockets.
    static func refusal(forMode mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG, S_IFIFO, S_IFSOCK: nil
        case S_IFDIR: "it is a directory, not a file of paths; name the file inside it (one path a line)"
        case S_IFCHR, S_IFBLK:
            "it is a device (such as /dev/zero), not a file of paths; give a regular file, a pipe, or '-' for "
                + "standard input"
        default: "it is not a regular file; give a regular file, a pipe, or '-' for standard input"
        }
    }

    /// What an `open`/`read` failure means, in words.
    static func openFailure(_ code: Int32) -> String {
        switch code {
        case ENOENT: "the file does not exist; check the path (it is relative to the working directory)"
        case EACCES, EPERM: "permission denied; make the file readable by this user"
        case EISDIR: "it is a directory, not a file of paths; name the file inside it (one path a line)"
        case ENOTDIR: "a part of the path is not a directory; check the path"
        default: "the file could not be read (\(String(cString: strerror(code))))"
        }
    }
}
