import CloudFront
import Credentials
import Reporting
import Resilience
import Transport

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The real process environment, file system, clock and network: built only here, at the edge.
struct LiveWorld: Sendable {
    let environment: [String: String]

    init() {
        environment = ProcessInfo.processInfo.environment
    }

    /// Reads a file as UTF-8 text, or standard input for "-".
    static func readFile(_ path: String) throws -> String {
        if path == "-" {
            var lines: [String] = []
            while let line = readLine(strippingNewline: false) { lines.append(line) }
            return lines.joined()
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileReadError(path: path)
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Names in a directory, or an empty set when it cannot be read.
    static func directoryEntries(_ path: String) -> Set<String> {
        Set((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
    }

    /// Seconds since 1970 from the system clock.
    static func now() -> Double { Date().timeIntervalSince1970 }

    func transport() -> CurlTransport {
        CurlTransport(
            configuration: .init(
                caBundlePath: CurlTransport.Configuration.caBundle(from: environment),
                userAgent: "cloudfront-invalidate/\(CloudFrontInvalidate.version)"))
    }

    func reporter(verbosity: Verbosity) -> any Reporter {
        PlainReporter(verbosity: verbosity, write: StandardStreams.writeLog)
    }
}

/// A file that could not be read.
struct FileReadError: Error, CustomStringConvertible {
    var path: String
    var description: String { "the file does not exist or is not readable" }
}
