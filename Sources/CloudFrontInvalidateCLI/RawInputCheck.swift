import Configuration

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Refuses command-line arguments and `CLOUDFRONT_*` / `AWS_ENDPOINT_URL*` variables that are not valid UTF-8,
/// before anything else reads them.
///
/// Swift's `CommandLine.arguments` and `ProcessInfo.environment` replace invalid bytes with U+FFFD, so
/// `/caf\xE9` would be sent as `/caf%EF%BF%BD` (another object) with exit 0. The raw `argv` and `environ` bytes are
/// checked here instead, and such input is a usage error (exit 64), as it is in the pipeline file.
enum RawInputCheck {
    /// Whole-sentence problems, one per offending argument or variable; empty when all is well-formed.
    static func problems(arguments: [[UInt8]], environment: [[UInt8]]) -> [String] {
        var problems: [String] = []
        for (index, argument) in arguments.enumerated().dropFirst() {
            guard case .failure(let invalid) = UTF8Input.decode(argument) else { continue }
            problems.append(
                "argument \(index) ('\(UTF8Input.shown(argument))') is not valid UTF-8 (byte "
                    + "\(UTF8Input.hex(invalid.byte)) at byte \(invalid.offset + 1)). "
                    + fix(invalid.byte))
        }
        for entry in environment {
            let equals = entry.firstIndex(of: UInt8(ascii: "=")) ?? entry.endIndex
            let name = String(decoding: entry[..<equals], as: UTF8.self)
            guard name.hasPrefix("CLOUDFRONT_") || name.hasPrefix("AWS_ENDPOINT_URL"), equals < entry.endIndex else {
                continue
            }
            let value = entry[(equals + 1)...]
            guard case .failure(let invalid) = UTF8Input.decode(value) else { continue }
            problems.append(
                "the environment variable \(name) is not valid UTF-8 (byte \(UTF8Input.hex(invalid.byte)) at byte "
                    + "\(invalid.offset + 1) of its value). " + fix(invalid.byte))
        }
        return problems
    }

    /// The advice for an invalid byte in a path.
    static func fix(_ byte: UInt8) -> String {
        "Paths and options must be UTF-8 text: convert the text to UTF-8, or write the byte percent-encoded "
            + "('%\(UTF8Input.hex(byte).dropFirst(2))') if it is really part of an object's key."
    }

    /// The problems of this process's own `argv` and `environ`.
    static func liveProblems() -> [String] {
        var arguments: [[UInt8]] = []
        for index in 0..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            arguments.append(bytes(of: pointer))
        }
        var environment: [[UInt8]] = []
        var cursor = environ
        // Bounded: environ is a NULL-terminated array.
        while let entry = cursor.pointee {
            environment.append(bytes(of: entry))
            cursor += 1
        }
        return problems(arguments: arguments, environment: environment)
    }

    /// The bytes of a C string, without its NUL.
    private static func bytes(of pointer: UnsafeMutablePointer<CChar>) -> [UInt8] {
        let length = strlen(pointer)
        return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
            Array(UnsafeBufferPointer(start: $0, count: length))
        }
    }
}
