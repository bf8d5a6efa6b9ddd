/// Runs a command and collects its output, bounded in time and size. `SpawnProcessRunner` in the product, fakes in
/// tests.
public protocol ProcessRunner: Sendable {
    func run(_ arguments: [String], environment: [String: String], limits: ProcessLimits) async -> ProcessOutcome
}

/// How long a command may run and how much it may print.
public struct ProcessLimits: Sendable, Equatable {
    public var timeout: Duration
    /// Bytes of stdout and stderr together.
    public var maxOutputBytes: Int

    public init(timeout: Duration = .seconds(60), maxOutputBytes: Int = 64 << 10) {
        self.timeout = timeout
        self.maxOutputBytes = maxOutputBytes
    }
}

/// What a command did.
public struct ProcessOutcome: Sendable, Equatable {
    public enum Termination: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
        /// Killed after the time limit.
        case timedOut
        /// Killed for printing more than the limit.
        case outputTooLarge
        /// Could not be started (not found, not executable): the system's message.
        case failedToStart(String)
    }

    public var termination: Termination
    public var stdout: [UInt8]
    public var stderr: [UInt8]

    public init(termination: Termination, stdout: [UInt8] = [], stderr: [UInt8] = []) {
        self.termination = termination
        self.stdout = stdout
        self.stderr = stderr
    }
}

/// Splits a `credential_process` command line the way a POSIX shell splits words (no expansions): spaces separate,
/// single quotes are literal, double quotes allow `\"` and `\\`, a backslash outside quotes escapes one character.
public enum CommandLineSplitter {
    /// The words, or nil when a quote is left open.
    public static func split(_ line: String) -> [String]? {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in line {
            if escaped {
                word.append(character)
                escaped = false
                continue
            }
            switch (quote, character) {
            case (nil, "\\"), ("\"", "\\"):
                escaped = true
                inWord = true
            case (nil, "'"), (nil, "\""):
                quote = character
                inWord = true
            case ("'", "'"), ("\"", "\""):
                quote = nil
            case (nil, " "), (nil, "\t"), (nil, "\n"):
                if inWord { words.append(word) }
                word = ""
                inWord = false
            default:
                word.append(character)
                inWord = true
            }
        }
        guard quote == nil, !escaped else { return nil }
        if inWord { words.append(word) }
        return words
    }
}
