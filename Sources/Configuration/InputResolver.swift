import TextTrimming

/// Merges command-line values, the environment and the pipeline file (flags > environment > file > defaults)
/// into one ``TargetInputs`` per target, and reads the paths files.
///
/// File access is a parameter so tests run without touching the disk: `readFile` reads a paths file as text,
/// `readPaths` (when given) reads and parses one as it streams in (the live reader, with its limits), `readBytes` reads at most `limit + 1` bytes of a pipeline file (so an oversized one is refused, not loaded),
/// `fileExists` says whether the working directory's `.cloudfront-invalidate.yml` is there.
public struct InputResolver: Sendable {
    public let environment: [String: String]
    /// Reads a whole file (or standard input for "-") as text; throws a message on failure.
    public let readFile: @Sendable (String) throws -> String
    /// Reads the paths of a paths file (or standard input for "-"); by default ``PathsFile/parse(_:)`` of `readFile`.
    public let readPaths: @Sendable (String) throws -> [String]
    /// Reads at most `limit + 1` bytes of a file (or standard input for "-").
    public let readBytes: @Sendable (_ path: String, _ limit: Int) throws -> [UInt8]
    public let fileExists: @Sendable (String) -> Bool
    public let limits: YAMLLimits

    public init(
        environment: [String: String], readFile: @escaping @Sendable (String) throws -> String,
        readBytes: (@Sendable (String, Int) throws -> [UInt8])? = nil,
        readPaths: (@Sendable (String) throws -> [String])? = nil,
        fileExists: @escaping @Sendable (String) -> Bool = { _ in false }, limits: YAMLLimits = .standard
    ) {
        self.environment = environment
        self.readFile = readFile
        self.readPaths = readPaths ?? { PathsFile.parse(try readFile($0)) }
        self.readBytes = readBytes ?? { path, _ in Array(try readFile(path).utf8) }
        self.fileExists = fileExists
        self.limits = limits
    }

    /// The contract's default wait limit: 30 minutes.
    public static let defaultTimeoutSeconds = 30 * 60

    /// Every problem is collected before failing, so one run shows them all.
    public func resolve(_ flags: CommandLineValues) throws(ConfigurationError) -> ResolvedInputs {
        var problems: [ConfigurationError.Problem] = []
        let file = pipelineFile(flags, &problems)
        // A file that failed to read has said what is wrong; "no distribution" on top of that would mislead.
        let fileFailed = !problems.isEmpty

        let overrides = Overrides(flags: flags, resolver: self, problems: &problems)
        let dryRun = flagOrBoolean(flags.dryRun, "CLOUDFRONT_DRY_RUN", &problems) ?? false
        let json = flagOrBoolean(flags.json, "CLOUDFRONT_JSON", &problems) ?? false
        var logFormat = file?.logFormat ?? .auto
        if let (raw, location) = firstGiven(
            (flags.logFormat, "--log-format"), (env("CLOUDFRONT_LOG_FORMAT"), "CLOUDFRONT_LOG_FORMAT"))
        {
            if let format = LogFormat(rawValue: raw.trimmingASCIIWhitespace().lowercased()) {
                logFormat = format
            } else {
                problems.append(.init(location: location, message: "'\(raw)' is not auto, plain, github or gitlab."))
            }
        }
        let endpoint =
            flags.endpointURL ?? env("AWS_ENDPOINT_URL_CLOUDFRONT") ?? env("AWS_ENDPOINT_URL") ?? file?.endpointURL

        if let file, file.name == PipelineFile.standardInputName,
            overrides.pathsFile == "-" || file.defaults.pathsFile == "-"
                || file.targets.contains(where: { $0.settings.pathsFile == "-" })
        {
            problems.append(
                .init(
                    location: "--config",
                    message: "standard input can feed the pipeline file or the paths file, not both; "
                        + "write one of them to a file."))
        }

        let targets = targetList(flags, file: file, quiet: fileFailed, &problems).map {
            merge($0, file: file, overrides: overrides, &problems)
        }

        guard problems.isEmpty else { throw ConfigurationError(problems) }
        return ResolvedInputs(
            targets: targets, dryRun: dryRun, json: json, logFormat: logFormat, endpointURL: endpoint,
            configFile: file?.name)
    }

    /// Which targets run: the file's, or those of `-d`/`--tenant-id`/the environment (sharing the file's
    /// top-level settings). IDs from flags or the environment beside a file with several targets are a conflict.
    private func targetList(
        _ flags: CommandLineValues, file: PipelineFile?, quiet: Bool, _ problems: inout [ConfigurationError.Problem]
    ) -> [FileTarget] {
        let (distributions, distributionSource) =
            !flags.distributionIDs.isEmpty
            ? (Self.splitList(flags.distributionIDs, separators: [","]), "-d/--distribution-id")
            : (
                Self.splitList([env("CLOUDFRONT_DISTRIBUTION_ID")].compactMap { $0 }, separators: [",", " ", "\n"]),
                "CLOUDFRONT_DISTRIBUTION_ID"
            )
        let (tenants, tenantSource) =
            !flags.tenantIDs.isEmpty
            ? (Self.splitList(flags.tenantIDs, separators: [","]), "--tenant-id")
            : (
                Self.splitList([env("CLOUDFRONT_TENANT_ID")].compactMap { $0 }, separators: [",", " ", "\n"]),
                "CLOUDFRONT_TENANT_ID"
            )
        var given =
            distributions.map { FileTarget(location: "", index: 0, distributionID: $0, tenantID: nil) }
            + tenants.map { FileTarget(location: "", index: 0, distributionID: nil, tenantID: $0) }
        if let selection = flags.tenantSelection {
            if !given.isEmpty {
                problems.append(
                    .init(
                        location: "--tenants-of/--tenants-in-group",
                        message: "tenants were selected beside -d/--tenant-id (or CLOUDFRONT_DISTRIBUTION_ID/"
                            + "CLOUDFRONT_TENANT_ID); a run invalidates either the selected tenants or the given "
                            + "targets, so give one or the other."))
                return []
            }
            given = [
                FileTarget(
                    location: "", index: 0, distributionID: selection.distributionID, tenantID: nil,
                    tenants: selection)
            ]
        }
        let fileTargets = file?.targets ?? []

        if let file, !given.isEmpty, fileTargets.count > 1 {
            let source = !distributions.isEmpty ? distributionSource : tenantSource
            let named = given.map(\.id).joined(separator: ", ")
            let listed = fileTargets.map(\.id).joined(separator: ", ")
            problems.append(
                .init(
                    location: source,
                    message: "\(named) was given here, but \(file.name) lists \(fileTargets.count) targets "
                        + "(\(listed)); it is not clear which one to replace, so nothing was sent. Remove "
                        + "\(source) to run the file's targets, or point --config at a file with one target "
                        + "(or none)."))
            return []
        }
        if !given.isEmpty {
            // A single file target lends its settings to the IDs that replace it.
            let settings = fileTargets.first?.settings ?? FileSettings()
            return given.map {
                FileTarget(
                    location: "", index: $0.index, distributionID: $0.distributionID, tenantID: $0.tenantID,
                    settings: settings, tenants: $0.tenants)
            }
        }
        if fileTargets.isEmpty && !quiet {
            let hint = file.map { " or add 'targets:' to \($0.name)" } ?? ""
            problems.append(
                .init(
                    location: "-d/--distribution-id",
                    message: "no distribution given. Pass -d E1234567890ABC (or --tenant-id), "
                        + "set CLOUDFRONT_DISTRIBUTION_ID\(hint)."))
        }
        return fileTargets
    }

    /// One target's settings, each from the first layer that sets it.
    private func merge(
        _ target: FileTarget, file: PipelineFile?, overrides: Overrides,
        _ problems: inout [ConfigurationError.Problem]
    ) -> TargetInputs {
        let own = target.settings
        let defaults = file?.defaults ?? FileSettings()
        var inputs = TargetInputs(
            distributionID: target.distributionID, tenantID: target.tenantID,
            location: target.location.isEmpty ? nil : target.location)
        inputs.tenants = target.tenants
        inputs.callerReference = overrides.callerReference ?? own.callerReference ?? defaults.callerReference
        inputs.encodePaths = overrides.encode ?? own.encode ?? defaults.encode ?? true
        inputs.wait = overrides.wait ?? own.wait ?? defaults.wait ?? false
        inputs.timeoutSeconds =
            overrides.timeoutSeconds ?? own.timeoutSeconds ?? defaults.timeoutSeconds ?? Self.defaultTimeoutSeconds
        inputs.onTimeout = overrides.onTimeout ?? own.onTimeout ?? defaults.onTimeout ?? .fail
        inputs.maxPaths = overrides.maxPaths ?? own.maxPaths ?? defaults.maxPaths
        inputs.changeList =
            overrides.changeList.hasSource
            ? overrides.changeList.overriding(
                ChangeListSettings(
                    originPath: own.changeList.originPath ?? defaults.changeList.originPath,
                    urlPrefix: own.changeList.urlPrefix ?? defaults.changeList.urlPrefix,
                    indexDocument: own.changeList.indexDocument ?? defaults.changeList.indexDocument))
            : overrides.changeList.overriding(own.changeList.overriding(defaults.changeList))

        if let (paths, source) = overrides.paths {
            (inputs.paths, inputs.pathsSource) = (paths, source)
        } else if let file {
            let layer = own.paths != nil || own.pathsFile != nil ? own : defaults
            var paths = layer.paths ?? []
            if let pathsFile = layer.pathsFile {
                do {
                    paths += try readPaths(pathsFile)
                } catch {
                    problems.append(
                        .init(
                            location: layer.pathsFileLocation ?? file.name,
                            message: "cannot read the paths file \(pathsFile): \(error)."))
                }
            }
            inputs.paths = paths
            inputs.pathsSource = layer.pathsFile.map { "paths file \($0)" } ?? file.name
            if paths.isEmpty && layer.pathsFile == nil && !inputs.changeList.hasSource && !target.location.isEmpty {
                problems.append(
                    .init(
                        location: target.location,
                        message: "\(target.label) has no paths; add 'paths:' or 'paths_file:' to it (or at the top "
                            + "level for every target), a change list (from_s3_sync, from_git, from_dir), or give "
                            + "paths on the command line."))
            }
        }
        // A change list on the command line computes every target's paths, as command-line paths would.
        if overrides.changeList.hasSource {
            (inputs.paths, inputs.pathsSource) = ([], "change list")
        }
        return inputs
    }

    /// The pipeline file named by `--config`, `CLOUDFRONT_CONFIG`, or found in the working directory; nil when
    /// there is none (or the command does not read one).
    private func pipelineFile(
        _ flags: CommandLineValues, _ problems: inout [ConfigurationError.Problem]
    ) -> PipelineFile? {
        guard flags.readsPipelineFile else { return nil }
        let path: String
        let location: String
        if let (given, source) = firstGiven((flags.config, "--config"), (env("CLOUDFRONT_CONFIG"), "CLOUDFRONT_CONFIG"))
        {
            (path, location) = (given, source)
        } else if fileExists(PipelineFile.defaultFileName) {
            (path, location) = (PipelineFile.defaultFileName, PipelineFile.defaultFileName)
        } else {
            return nil
        }
        let bytes: [UInt8]
        do {
            bytes = try readBytes(path, limits.maxBytes)
        } catch {
            problems.append(.init(location: location, message: "cannot read the pipeline file \(path): \(error)."))
            return nil
        }
        do {
            return try PipelineFile.parse(
                bytes, name: path == "-" ? PipelineFile.standardInputName : path, environment: environment,
                limits: limits)
        } catch {
            problems += error.problems
            return nil
        }
    }

    /// The first value that is set, with the name of where it came from.
    func firstGiven(_ candidates: (String?, String)...) -> (String, String)? {
        for (value, location) in candidates { if let value { return (value, location) } }
        return nil
    }

    /// A non-empty environment value.
    func env(_ name: String) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }

    func flagOrBoolean(_ flag: Bool?, _ name: String, _ problems: inout [ConfigurationError.Problem]) -> Bool? {
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
            .map { String($0).trimmingASCIIWhitespace() }
            .filter { !$0.isEmpty }
    }
}

/// `true`/`false`/`1`/`0` (and `yes`/`no`), case-insensitive.
public enum BooleanValue {
    public static func parse(_ raw: String) -> Bool? {
        switch raw.trimmingASCIIWhitespace().lowercased() {
        case "true", "1", "yes", "on": true
        case "false", "0", "no", "off": false
        default: nil
        }
    }
}
