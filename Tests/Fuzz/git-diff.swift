// libFuzzer target: the readers of `git diff --name-status -z` and `git ls-tree -r --name-only -z` output.
@testable import ChangeLists

/// One input: what git printed. It must give paths or be refused with a message, never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGitDiff(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        for path in try GitDiffParser.changedPaths(nameStatus: bytes, name: "git diff") {
            _ = KeyEncoder.encode("/" + path)
        }
    } catch {
        _ = "\(error)"
    }
    for path in GitDiffParser.listing(bytes) { _ = KeyEncoder.encode("/" + path) }
    return 0
}
