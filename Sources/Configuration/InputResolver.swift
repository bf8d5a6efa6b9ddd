/// Merges command-line values with the environment (flags > environment > defaults) and reads the paths file.
///
/// File access is a parameter (`readFile`) so tests run without touching the disk.
public struct InputResolver: Sendable {
    public let environment: [String: String]
    /// Reads a whole file (or standard input for "-") as text; throws a message on failure.
    public let readFile: @Sendable (String) throws -> String

    public init(environment: [String: String], readFile: @escaping @Sendable (String) throws -> String) {
        self.environment = environment
        self.readFile = readFile
    }

    /// Every problem is collected before failing, so one run shows them all.
    public func resolve(_ flags: CommandLineValues) throws(ConfigurationError) -> ResolvedInputs {
        var problems: [ConfigurationError.Problem] = []

        let distributionIDs =
            !flags.distributionIDs.isEmpty
            ? Self.splitList(flags.distributionIDs, separators: [","])
            : Self.splitList([env("CLOUDFRONT_DISTRIBUTION_ID")].compactMap { $0 }, separators: [",", " ", "\n"])
        let tenantIDs =
            !flags.tenantIDs.isEmpty
            ? Self.splitList(flags.tenantIDs, separators: [","])
            : Self.splitList([env("CLOUDFRONT_TENANT_ID")].compactMap { $0 }, separators: [",", " ", "\n"])

        var paths: [String] = []
        var source = "arguments"
        let pathsFile = flags.pathsFile ?? env("CLOUDFRONT_PATHS_FILE")
        if !flags.paths.isEmpty {
            paths = flags.paths
        } else if let pathsFile {
            let location = flags.pathsFile != nil ? "--paths-file" : "CLOUDFRONT_PATHS_FILE"
            do {
                paths = PathsFile.parse(try readFile(pathsFile))
                source = pathsFile == "-" ? "standard input" : "paths file \(pathsFile)"
            } catch {
                problems.append(.init(location: location, message: "cannot read \(pathsFile): \(error)"))
            }
        } else if let list = env("CLOUDFRONT_PATHS") {
            paths = Self.splitList([list], separators: [",", " ", "\n", "\t"])
            source = "CLOUDFRONT_PATHS"
        }
        if flags.pathsFile != nil && !flags.paths.isEmpty {
            problems.append(
                .init(
                    location: "--paths-file",
                    message: "paths were given both as arguments and with --paths-file; use one of them."))
        }

        if distributionIDs.isEmpty && tenantIDs.isEmpty {
            problems.append(
                .init(
                    location: "-d/--distribution-id",
                    message: "no distribution given. Pass -d E1234567890ABC (or --tenant-id), "
                        + "or set CLOUDFRONT_DISTRIBUTION_ID."))
        }

        let dryRun = flagOrBoolean(flags.dryRun, "CLOUDFRONT_DRY_RUN", &problems) ?? false
        let json = flagOrBoolean(flags.json, "CLOUDFRONT_JSON", &problems) ?? false
        let wait = flagOrBoolean(flags.wait, "CLOUDFRONT_WAIT", &problems) ?? false
        var timeoutSeconds = Self.defaultTimeoutSeconds
        if let (raw, location) = firstGiven(
            (flags.timeout, "--timeout"), (env("CLOUDFRONT_TIMEOUT"), "CLOUDFRONT_TIMEOUT"))
        {
            if let seconds = DurationText.seconds(raw) {
                timeoutSeconds = seconds
            } else {
                problems.append(
                    .init(
                        location: location,
                        message: "'\(raw)' is not a duration; use e.g. 90s, 15m, 1h30m or a number of seconds."))
            }
        }
        var onTimeout = TimeoutPolicy.fail
        if let (raw, location) = firstGiven(
            (flags.onTimeout, "--on-timeout"), (env("CLOUDFRONT_ON_TIMEOUT"), "CLOUDFRONT_ON_TIMEOUT"))
        {
            if let policy = TimeoutPolicy(rawValue: raw.trimmingWhitespace().lowercased()) {
                onTimeout = policy
            } else {
                problems.append(.init(location: location, message: "'\(raw)' is not fail or warn."))
            }
        }
        let endpoint = flags.endpointURL ?? env("AWS_ENDPOINT_URL_CLOUDFRONT") ?? env("AWS_ENDPOINT_URL")

        guard problems.isEmpty else { throw ConfigurationError(problems) }
        return ResolvedInputs(
            distributionIDs: distributionIDs, tenantIDs: tenantIDs, paths: paths, pathsSource: source,
            callerReference: flags.callerReference ?? env("CLOUDFRONT_CALLER_REFERENCE"), dryRun: dryRun, json: json,
            endpointURL: endpoint, encodePaths: !flags.noEncode, wait: wait, timeoutSeconds: timeoutSeconds,
            onTimeout: onTimeout)
    }

    /// The contract's default wait limit: 30 minutes.
    public static let defaultTimeoutSeconds = 30 * 60

    /// The first value that is set, with the name of where it came from.
    private func firstGiven(_ candidates: (String?, String)...) -> (String, String)? {
        for (value, location) in candidates { if let value { return (value, location) } }
        return nil
    }

    /// A non-empty environment value.
    func env(_ name: String) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }

    private func flagOrBoolean(_ flag: Bool?, _ name: String, _ problems: inout [ConfigurationError.Problem]) -> Bool? {
        if let flag { return flag }
        guard let raw = env(name) else { return nil }
        guard let value = BooleanValue.parse(raw) else {
            problems.append(
                .init(location: name, message: "'\(raw)' is not a boolean; use true, false, 1 or 0."))
            return nil
        }
        return value
    }

    /// Splits every value on the separators and drops empty pieces.
    static func splitList(_ values: [String], separators: Set<Character>) -> [String] {
        values.flatMap { $0.split(whereSeparator: { separators.contains($0) || $0 == "\r\n" }) }
            .map { String($0).trimmingWhitespace() }
            .filter { !$0.isEmpty }
    }
}

/// `true`/`false`/`1`/`0` (and `yes`/`no`), case-insensitive.
public enum BooleanValue {
    public static func parse(_ raw: String) -> Bool? {
        switch raw.trimmingWhitespace().lowercased() {
        case "true", "1", "yes", "on": true
        case "false", "0", "no", "off": false
        default: nil
        }
    }
}

extension String {
    /// Without surrounding spaces, tabs and line breaks.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
