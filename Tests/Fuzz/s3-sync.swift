// libFuzzer target: the reader of `aws s3 sync` / `cp` / `mv` / `rm` output (--changes-from-s3-sync).
@testable import ChangeLists

/// One input: the bytes of a saved AWS CLI log. It must list keys or be refused with a message, never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzS3Sync(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let result = try S3SyncParser.parse(bytes: bytes, name: "sync.log")
        precondition(result.keys.count == result.packedKeys.count, "packed keys and keys disagree")
    } catch {
        _ = "\(error)"
    }
    return 0
}
