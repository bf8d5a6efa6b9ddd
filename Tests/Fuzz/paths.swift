// libFuzzer target: CloudFront's path rules, the percent-encoder, de-duplication and batching.
import Paths

/// One input: a first byte choosing `--no-encode` (odd) or encoding (even), then newline-separated raw paths.
/// Each path is checked and sent exactly as CloudFront wants it, or refused with a message; nothing traps.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPaths(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let first = bytes.first else { return 0 }
    let encode = first & 1 == 0
    let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for line in lines {
        switch PathRules.normalize(line, encode: encode) {
        case .failure(let error):
            _ = "\(error)"
        case .success(let normalized):
            let value = normalized.path.value
            precondition([UInt8(ascii: "/"), UInt8(ascii: "#")].contains(value.utf8.first), value.debugDescription)
            // Sent paths never carry control characters, and encoded ones are visible ASCII only.
            precondition(!value.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, value.debugDescription)
            if encode {
                precondition(value.utf8.allSatisfy { (0x21...0x7E).contains($0) }, value.debugDescription)
            }
        }
    }
    // Encoding happens exactly once: encoding an encoded text changes nothing.
    let encoded = PercentEncoder.encode(text)
    precondition(PercentEncoder.encode(encoded) == encoded, "encoding \(text.debugDescription) twice changes it")
    let set = PathSet(lines, encode: encode)
    let batches = set.batches()
    precondition(batches.reduce(0) { $0 + $1.count } == set.items.count, "batching lost or added items")
    return 0
}
