/// Outside bytes (arguments, environment values, paths files) decoded as UTF-8 or refused.
///
/// `String(decoding:as:)` and the standard library's argument and environment readers replace invalid bytes with
/// U+FFFD, which would silently turn `/caf\xE9` into `/caf%EF%BF%BD`: a path that names another object. Every
/// input that becomes a path goes through here instead, so the byte is refused with its position.
public enum UTF8Input {
    /// The first byte that is not part of well-formed UTF-8, 0-based.
    public struct Invalid: Error, Sendable, Equatable {
        public var byte: UInt8
        public var offset: Int
    }

    /// The text, or where the first invalid byte is.
    public static func decode(_ bytes: some Collection<UInt8>) -> Result<String, Invalid> {
        if let text = String(validating: bytes, as: UTF8.self) { return .success(text) }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        // Bounded by the byte count: every step consumes at least one byte.
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput: return .success(String(decoding: bytes, as: UTF8.self))
            case .error:
                let index = bytes.index(bytes.startIndex, offsetBy: offset)
                return .failure(Invalid(byte: bytes[index], offset: offset))
            }
        }
    }

    /// `bytes` as printable text for a message: valid visible characters as they are, invalid bytes and control
    /// characters as `\xNN`, cut after `limit` bytes.
    public static func shown(_ bytes: some Collection<UInt8>, limit: Int = 200) -> String {
        let head = Array(bytes.prefix(limit))
        var result = ""
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = head.makeIterator()
        var offset = 0
        // Bounded by the byte count: every step consumes at least one byte.
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                offset += encoded.count
                let scalar = Unicode.UTF8.decode(encoded)
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += hexEscape(UInt8(scalar.value))
                } else {
                    result.unicodeScalars.append(scalar)
                }
            case .error(let length):
                for byte in head[offset..<min(head.count, offset + length)] { result += hexEscape(byte) }
                offset += length
            case .emptyInput:
                return bytes.count > limit ? result + "…" : result
            }
        }
    }

    /// `\xE9`.
    static func hexEscape(_ byte: UInt8) -> String {
        let hex = String(byte, radix: 16, uppercase: true)
        return "\\x" + (hex.count < 2 ? "0" : "") + hex
    }

    /// `0xE9`.
    public static func hex(_ byte: UInt8) -> String {
        let hex = String(byte, radix: 16, uppercase: true)
        return "0x" + (hex.count < 2 ? "0" : "") + hex
    }
}
