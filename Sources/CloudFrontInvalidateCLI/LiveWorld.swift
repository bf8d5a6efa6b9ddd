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
    /// The signal handlers of a run that can be interrupted; nil for one that cannot (`validate`, `status`, …).
    private(set) var signals: SignalTrap?
    /// One monotonic clock for the whole run: every deadline and elapsed time is measured from the same origin.
    let monotonicClock = SystemMonotonicClock()

    init() {
        environment = ProcessInfo.processInfo.environment
    }

    /// This world, reporting the signals `trap` receives as the run's interruption.
    func with(signals trap: SignalTrap) -> LiveWorld {
        var world = self
        world.signals = trap
        return world
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

    /// The libcurl transport, with `AWS_CA_BUNDLE` and this tool's user agent.
    func curlTransport() -> CurlTransport {
        CurlTransport(
            configuration: .init(
                trust: CABundleLocator.live.locate(environment: environment),
                userAgent: "cloudfront-invalidate/\(BuildInfo.version)"))
    }

    /// The reporter for the output flags of a command (`--log-format`, `--dotenv`, `-v`/`-q`).
    func reporter(output: OutputOptions) -> any Reporter {
        reporter(verbosity: output.verbosity, logFormat: output.logFormat, dotenv: output.dotenv)
    }

    /// The reporter for this run: the format from the flag, else `CLOUDFRONT_LOG_FORMAT`, else the CI markers; the
    /// dotenv file from the flag, else `CLOUDFRONT_DOTENV`. Secrets already in the environment are masked before the
    /// reporter is handed out, so nothing written later can show them.
    ///
    /// An invalid format name never reaches here: `OutputOptions.validate()` refuses it with exit 64. `auto` is the
    /// fallback only for callers that skipped validation.
    func reporter(verbosity: Verbosity, logFormat: String? = nil, dotenv: String? = nil) -> any Reporter {
        let format = (try? ReportFormat.choose(flag: logFormat, environment: environment)) ?? .auto
        let reporter = ReporterFactory.make(
            ReporterSettings(
                format: format, verbosity: verbosity, environment: environment,
                isTerminal: StandardStreams.logIsTerminal,
                dotenvPath: ReporterFactory.dotenvPath(flag: dotenv, environment: environment),
                writeLine: StandardStreams.writeLog,
                files: FileOutput(
                    append: { path, text in try StandardStreams.append(text, toFile: path) },
                    replace: { path, text in try StandardStreams.replace(text, inFile: path) }),
                epochSeconds: { Int(Date().timeIntervalSince1970) }))
        for secret in Self.secretValues(in: environment) { reporter.mask(secret) }
        return reporter
    }

    /// Environment variables whose values are secrets (the credential chain masks what it obtains later itself).
    static let secretVariables = [
        "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_ID_TOKEN",
        "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN",
    ]

    /// The secret values present in `environment`, including the token named by `CLOUDFRONT_OIDC_TOKEN_VARIABLE`.
    static func secretValues(in environment: [String: String]) -> [String] {
        var names = secretVariables
        if let named = environment["CLOUDFRONT_OIDC_TOKEN_VARIABLE"], !named.isEmpty { names.append(named) }
        return names.compactMap { environment[$0] }.filter { !$0.isEmpty }
    }

    /// The process environment, for option validation that runs before a `LiveWorld` exists.
    static var processEnvironment: [String: String] { ProcessInfo.processInfo.environment }
}

/// A file that could not be read.
struct FileReadError: Error, CustomStringConvertible {
    var path: String
    var description: String { "the file does not exist or is not readable" }
}
