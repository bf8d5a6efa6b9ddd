import Configuration
import Testing

/// flags > environment > file > defaults, for every setting, and the conflicts that are refused.
@Suite("Precedence of flags, environment, file and defaults")
struct PrecedenceTests {
    static let file = """
        wait: true
        timeout: 20m
        on_timeout: warn
        max_paths: 40
        caller_reference: file-ref
        log_format: gitlab
        endpoint_url: http://127.0.0.1:1111
        paths: ["/file-default"]
        targets:
          - distribution_id: E1FILE
            timeout: 5m
          - distribution_id: E2FILE
            paths: ["/own"]
            wait: false
        """
    static let singleTarget = """
        wait: true
        targets:
          - distribution_id: E1FILE
            paths: ["/single"]
            timeout: 7m
        """
    static let defaultsOnly = "wait: true\ntimeout: 3m\npaths: [\"/shared\"]\n"

    func resolver(
        _ environment: [String: String], files: [String: String], existing: Set<String> = []
    ) -> InputResolver {
        InputResolver(
            environment: environment,
            readFile: { path in
                guard let text = files[path] else { throw TestFileMissing() }
                return text
            },
            fileExists: { existing.contains($0) })
    }

    func flags(config: String? = "ci.yml", _ change: (inout CommandLineValues) -> Void = { _ in }) -> CommandLineValues
    {
        var values = CommandLineValues()
        values.readsPipelineFile = true
        values.config = config
        change(&values)
        return values
    }

    @Test("The file's targets inherit its top-level defaults; a target's own keys override them")
    func fileLayers() throws {
        let inputs = try resolver([:], files: ["ci.yml": Self.file]).resolve(flags())
        let first = try #require(inputs.targets.first)
        let second = try #require(inputs.targets.last)
        #expect(inputs.targets.map(\.id) == ["E1FILE", "E2FILE"])
        #expect((first.wait, first.timeoutSeconds, first.onTimeout) == (true, 300, .warn))
        #expect((second.wait, second.timeoutSeconds) == (false, 1200))
        #expect(first.paths == ["/file-default"] && second.paths == ["/own"])
        #expect(first.maxPaths == 40 && first.callerReference == "file-ref")
        #expect(inputs.logFormat == .gitlab && inputs.endpointURL == "http://127.0.0.1:1111")
    }

    @Test("The environment beats the file, for every target")
    func environmentBeatsFile() throws {
        let environment = [
            "CLOUDFRONT_WAIT": "false", "CLOUDFRONT_TIMEOUT": "1m", "CLOUDFRONT_ON_TIMEOUT": "fail",
            "CLOUDFRONT_MAX_PATHS": "9", "CLOUDFRONT_CALLER_REFERENCE": "env-ref", "CLOUDFRONT_LOG_FORMAT": "plain",
            "AWS_ENDPOINT_URL": "http://127.0.0.1:2222", "CLOUDFRONT_PATHS": "/env-a,/env-b",
        ]
        let inputs = try resolver(environment, files: ["ci.yml": Self.file]).resolve(flags())
        for target in inputs.targets {
            #expect((target.wait, target.timeoutSeconds, target.onTimeout) == (false, 60, .fail))
            #expect(target.maxPaths == 9 && target.callerReference == "env-ref")
            #expect(target.paths == ["/env-a", "/env-b"] && target.pathsSource == "CLOUDFRONT_PATHS")
        }
        #expect(inputs.logFormat == .plain && inputs.endpointURL == "http://127.0.0.1:2222")
    }

    @Test("Flags beat the environment and the file")
    func flagsBeatEverything() throws {
        let environment = ["CLOUDFRONT_WAIT": "false", "CLOUDFRONT_TIMEOUT": "1m", "CLOUDFRONT_PATHS": "/env"]
        let inputs = try resolver(environment, files: ["ci.yml": Self.file]).resolve(
            flags {
                $0.wait = true
                $0.timeout = "2h"
                $0.paths = ["/flag"]
                $0.noEncode = true
                $0.logFormat = "github"
                $0.endpointURL = "http://127.0.0.1:3333"
            })
        for target in inputs.targets {
            #expect((target.wait, target.timeoutSeconds, target.encodePaths) == (true, 7200, false))
            #expect(target.paths == ["/flag"] && target.pathsSource == "arguments")
        }
        #expect(inputs.logFormat == .github && inputs.endpointURL == "http://127.0.0.1:3333")
    }

    @Test("Defaults apply where nothing is set")
    func defaults() throws {
        var values = CommandLineValues()
        values.distributionIDs = ["E1"]
        let inputs = try resolver([:], files: [:]).resolve(values)
        let target = try #require(inputs.targets.first)
        #expect((target.wait, target.timeoutSeconds, target.onTimeout) == (false, 1800, .fail))
        #expect(target.maxPaths == nil && target.callerReference == nil && target.encodePaths)
        #expect(inputs.logFormat == .auto && inputs.configFile == nil)
    }

    @Test("-d beside a file with several targets is a conflict, not a guess", arguments: [true, false])
    func distributionConflict(fromFlag: Bool) {
        let environment = fromFlag ? [:] : ["CLOUDFRONT_DISTRIBUTION_ID": "E9OTHER"]
        let values = flags { if fromFlag { $0.distributionIDs = ["E9OTHER"] } }
        let error = #expect(throws: ConfigurationError.self) {
            try resolver(environment, files: ["ci.yml": Self.file]).resolve(values)
        }
        let source = fromFlag ? "-d/--distribution-id" : "CLOUDFRONT_DISTRIBUTION_ID"
        #expect(error?.problems.map(\.location) == [source])
        #expect(error?.description.contains("ci.yml lists 2 targets (E1FILE, E2FILE)") == true)
        #expect(error?.description.contains("not clear which one to replace") == true)
    }

    @Test("-d replaces the single target of a file and keeps its settings")
    func singleTargetReplaced() throws {
        let inputs = try resolver([:], files: ["ci.yml": Self.singleTarget]).resolve(
            flags { $0.distributionIDs = ["E5FLAG"] })
        let target = try #require(inputs.targets.first)
        #expect(inputs.targets.count == 1)
        #expect(target.id == "E5FLAG" && target.paths == ["/single"] && target.timeoutSeconds == 420)
    }

    @Test("A file without targets gives its settings to the -d targets")
    func defaultsOnlyFile() throws {
        let inputs = try resolver([:], files: ["ci.yml": Self.defaultsOnly]).resolve(
            flags { $0.distributionIDs = ["E1,E2"] })
        #expect(inputs.targets.map(\.id) == ["E1", "E2"])
        #expect(inputs.targets.allSatisfy { $0.wait && $0.timeoutSeconds == 180 && $0.paths == ["/shared"] })
    }

    @Test("CLOUDFRONT_CONFIG names the file; --config beats it")
    func configFromEnvironment() throws {
        let files = ["env.yml": Self.singleTarget, "flag.yml": Self.defaultsOnly]
        let fromEnvironment = try resolver(["CLOUDFRONT_CONFIG": "env.yml"], files: files).resolve(flags(config: nil))
        #expect(fromEnvironment.configFile == "env.yml" && fromEnvironment.targets.map(\.id) == ["E1FILE"])
        let fromFlag = try resolver(["CLOUDFRONT_CONFIG": "env.yml"], files: files).resolve(
            flags(config: "flag.yml") { $0.distributionIDs = ["E7"] })
        #expect(fromFlag.configFile == "flag.yml")
    }

    @Test("The working directory's .cloudfront-invalidate.yml is read only when present")
    func defaultFile() throws {
        let files = [".cloudfront-invalidate.yml": Self.singleTarget]
        let present = try resolver([:], files: files, existing: [".cloudfront-invalidate.yml"]).resolve(
            flags(config: nil))
        #expect(present.configFile == ".cloudfront-invalidate.yml")
        #expect(throws: ConfigurationError.self) {
            try resolver([:], files: files, existing: []).resolve(flags(config: nil))
        }
        var inspect = CommandLineValues()
        inspect.distributionIDs = ["E1"]
        let ignored = try resolver([:], files: files, existing: [".cloudfront-invalidate.yml"]).resolve(inspect)
        #expect(ignored.configFile == nil, "status, list and wait do not read the pipeline file")
    }

    @Test("A missing --config file is an error naming it")
    func missingConfig() {
        let error = #expect(throws: ConfigurationError.self) {
            try resolver([:], files: [:]).resolve(flags(config: "nope.yml") { $0.distributionIDs = ["E1"] })
        }
        #expect(error?.problems.first?.location == "--config")
        #expect(error?.problems.first?.message.contains("nope.yml") == true)
    }

    @Test("An empty file changes nothing")
    func emptyFile() throws {
        let inputs = try resolver([:], files: ["ci.yml": "# nothing yet\n"]).resolve(
            flags { $0.distributionIDs = ["E1"] })
        #expect(inputs.targets.map(\.id) == ["E1"] && inputs.configFile == "ci.yml")
    }

    @Test("Standard input cannot feed both the pipeline file and the paths file")
    func stdinTwice() {
        let error = #expect(throws: ConfigurationError.self) {
            try resolver([:], files: ["-": Self.singleTarget]).resolve(flags(config: "-") { $0.pathsFile = "-" })
        }
        #expect(error?.description.contains("not both") == true)
    }

    @Test("A file target without paths is reported at its line when nothing else gives paths")
    func targetWithoutPaths() throws {
        let text = "targets:\n  - distribution_id: E1\n  - distribution_id: E2\n    paths: [\"/a\"]\n"
        let error = #expect(throws: ConfigurationError.self) {
            try resolver([:], files: ["ci.yml": text]).resolve(flags())
        }
        #expect(error?.problems.map(\.location) == ["ci.yml:2:5"])
        let rescued = try resolver(["CLOUDFRONT_PATHS": "/from-env"], files: ["ci.yml": text]).resolve(flags())
        #expect(rescued.targets.map(\.paths) == [["/from-env"], ["/from-env"]])
    }
}
