import TextTrimming

extension InputResolver {
    /// The settings flags and the environment give for every target (nil = not given), each checked once.
    struct Overrides {
        var paths: ([String], String)?
        var pathsFile: String?
        var callerReference: String?
        var encode: Bool?
        var wait: Bool?
        var timeoutSeconds: Int?
        var onTimeout: TimeoutPolicy?
        var maxPaths: Int?
        var changeList: ChangeListSettings

        init(flags: CommandLineValues, resolver: InputResolver, problems: inout [ConfigurationError.Problem]) {
            pathsFile = flags.pathsFile ?? resolver.env("CLOUDFRONT_PATHS_FILE")
            if !flags.paths.isEmpty {
                paths = (flags.paths, "arguments")
            } else if let pathsFile {
                let location = flags.pathsFile != nil ? "--paths-file" : "CLOUDFRONT_PATHS_FILE"
                do {
                    let source = pathsFile == "-" ? "standard input" : "paths file \(pathsFile)"
                    paths = (try resolver.readPaths(pathsFile), source)
                } catch {
                    problems.append(.init(location: location, message: "cannot read \(pathsFile): \(error)"))
                }
            } else if let list = resolver.env("CLOUDFRONT_PATHS") {
                switch PathListValue.split(list, name: "CLOUDFRONT_PATHS") {
                case .success(let list): paths = (list, "CLOUDFRONT_PATHS")
                case .failure(let error): problems += error.problems
                }
            }
            if flags.pathsFile != nil && !flags.paths.isEmpty {
                problems.append(
                    .init(
                        location: "--paths-file",
                        message: "paths were given both as arguments and with --paths-file; use one of them."))
            }
            changeList = flags.changeList
            if changeList.sourceKeys.count > 1 {
                problems.append(
                    .init(
                        location: "--from-s3-sync/--from-git/--from-dir",
                        message: "give one change-list source, not \(changeList.sourceKeys.count)."))
            }
            if changeList.hasSource && paths != nil {
                problems.append(
                    .init(
                        location: "paths",
                        message: "paths were given beside a change list (\(changeList.sourceKeys.joined())); "
                            + "the change list computes the paths, so give one or the other."))
            }
            if let (raw, location) = resolver.firstGiven(
                (flags.callerReference, "--caller-reference"),
                (resolver.env("CLOUDFRONT_CALLER_REFERENCE"), "CLOUDFRONT_CALLER_REFERENCE"))
            {
                if let problem = CallerReference.problem(with: raw) {
                    problems.append(.init(location: location, message: problem))
                } else {
                    callerReference = raw
                }
            }
            encode = flags.noEncode ? false : nil
            wait = resolver.flagOrBoolean(flags.wait, "CLOUDFRONT_WAIT", &problems)
            if let (raw, location) = resolver.firstGiven(
                (flags.timeout, "--timeout"), (resolver.env("CLOUDFRONT_TIMEOUT"), "CLOUDFRONT_TIMEOUT"))
            {
                if let problem = DurationText.problem(with: raw) {
                    problems.append(.init(location: location, message: problem))
                } else {
                    timeoutSeconds = DurationText.seconds(raw)
                }
            }
            if let (raw, location) = resolver.firstGiven(
                (flags.onTimeout, "--on-timeout"), (resolver.env("CLOUDFRONT_ON_TIMEOUT"), "CLOUDFRONT_ON_TIMEOUT"))
            {
                if let policy = TimeoutPolicy(rawValue: raw.trimmingASCIIWhitespace().lowercased()) {
                    onTimeout = policy
                } else {
                    problems.append(.init(location: location, message: "'\(raw)' is not fail or warn."))
                }
            }
            if let (raw, location) = resolver.firstGiven(
                (flags.maxPaths, "--max-paths"), (resolver.env("CLOUDFRONT_MAX_PATHS"), "CLOUDFRONT_MAX_PATHS"))
            {
                if let value = Int(raw.trimmingASCIIWhitespace()), value > 0 {
                    maxPaths = value
                } else {
                    problems.append(.init(location: location, message: "'\(raw)' is not a whole number above 0."))
                }
            }
        }
    }
}
