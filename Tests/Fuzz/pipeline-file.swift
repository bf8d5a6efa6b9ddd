// libFuzzer target: the pipeline-file reader (libyaml events → tree → decoded, interpolated, validated settings).
import Configuration

/// One input: the bytes of a `.cloudfront-invalidate.yml`. It must be read or refused with messages, never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPipelineFile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // Variables the file may interpolate with ${NAME}; fixed so every run is reproducible.
    let environment = ["GITHUB_SHA": "0123abcd", "STAGE": "prod", "EMPTY": "", "PATHS": "/a /b"]
    do {
        let file = try PipelineFile.parse(bytes, name: "fuzz.yml", environment: environment)
        _ = "\(file)"
    } catch {
        _ = error.description
    }
    return 0
}
