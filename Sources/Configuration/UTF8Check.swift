/// Finds the first byte that makes a document invalid UTF-8, with its line and column for the message.
enum UTF8Check {
    /// The first offending byte and where it is, or nil when every byte is well-formed UTF-8.
    static func firstInvalidByte(in bytes: [UInt8]) -> (byte: UInt8, mark: YAMLMark)? {
        // Fast path in the (optimised) standard library; the scalar walk below only runs to locate a failure.
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        var line = 1
        var column = 1
        // Bounded by the byte count: every step consumes at least one byte.
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                offset += encoded.count
                if encoded.count == 1 && encoded.first == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .emptyInput:
                return nil
            case .error:
                return (bytes[offset], YAMLMark(line: line, column: column))
            }
        }
    }
}
