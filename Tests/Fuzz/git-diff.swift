// libFuzzer target: the readers of `git diff --name-status -z` and `git ls-tree -r --name-only -z` output.
@testable import ChangeLists

/// One input: what git printed. It must give paths or be refused with a message, never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGitDiff(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let paths = try GitDiffParser.changedPaths(nameStatus: bytes, name: "git diff")
        precondition(paths.allSatisfy { !$0.utf8.contains(0) }, "a path holds the NUL separator")
    } catch {
        _ = "\(error)"
    }
    precondition(GitDiffParser.listing(bytes).allSatisfy { !$0.utf8.contains(0) }, "a path holds the NUL separator")
    return 0
}
