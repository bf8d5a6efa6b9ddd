/// The file access change lists need, behind a protocol so tests can use temporary folders or fakes.
///
/// Paths are given as the user wrote them (relative to the working directory or absolute). Every error thrown is a
/// ``ChangeListError`` naming the path.
public protocol ChangeListFileSystem: Sendable {
    /// Every regular file below `directory` (symbolic links to files included), as `/`-separated relative paths.
    func listFiles(under directory: String) throws -> [String]
    /// The whole content of `path`; `-` reads standard input.
    func readFile(_ path: String) throws -> [UInt8]
    /// Calls `body` with consecutive chunks of `path`, so large files are hashed without being held in memory.
    func forEachChunk(of path: String, _ body: ([UInt8]) -> Void) throws
    /// Whether `path` exists (as anything).
    func fileExists(_ path: String) -> Bool
    /// Replaces `path` with `bytes` atomically: a temporary file in the same directory, flushed, then renamed.
    func writeAtomically(_ bytes: [UInt8], to path: String) throws
}
