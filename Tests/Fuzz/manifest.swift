// libFuzzer target: the content manifest (`<sha256>  <path>` lines) that --changes-from-dir compares against.
import ChangeLists

/// One input: a manifest file. It must be read or refused, never trap; what is read must survive a write and reread.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzManifest(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let manifest = try? ContentManifest.decode(bytes, name: "manifest") else { return 0 }
    let reread = try? ContentManifest.decode(manifest.encoded(), name: "manifest")
    precondition(reread == manifest, "a manifest does not read back as written")
    return 0
}
