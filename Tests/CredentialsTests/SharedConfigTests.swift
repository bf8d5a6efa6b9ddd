import Credentials
import Foundation
import TestSupport
import Testing
import Transport

@Suite("Shared config files")
struct SharedConfigTests {
    static func fixtures() throws -> [String] {
        let folder = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures/ini")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".ini") }.map { String($0.dropLast(4)) }.sorted()
    }

    @Test("The INI parser reads each fixture into the expected sections", arguments: try fixtures())
    func parserFixtures(name: String) throws {
        let folder = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures/ini")
        let text = try String(contentsOf: folder.appendingPathComponent("\(name).ini"), encoding: .utf8)
        let expected = try JSONDecoder().decode(
            [String: [String: String]].self, from: Data(contentsOf: folder.appendingPathComponent("\(name).json")))
        #expect(SharedConfigFile(parsing: text).sections == expected)
    }

    @Test("There are fixtures to run")
    func fixturesPresent() throws {
        #expect(try Self.fixtures().count >= 3)
    }

    @Test(
        "[profile x] names x in the config file but is a literal name in the credentials file; [x] in config is no profile"
    )
    func profilePrefixes() {
        let config = SharedConfigFile(
            parsing: """
                [default]
                region = us-east-1
                [profile dev]
                region = eu-west-1
                [staging]
                region = ignored
                [sso-session corp]
                sso_region = us-east-1
                [profile default]
                output = json
                """)
        let credentials = SharedConfigFile(
            parsing: """
                [dev]
                aws_access_key_id = AKIDDEV
                aws_secret_access_key = dev-secret
                [profile weird]
                aws_access_key_id = AKIDWEIRD
                """)
        let profiles = SharedProfiles(credentials: credentials, config: config)
        #expect(
            profiles["dev"] == [
                "region": "eu-west-1", "aws_access_key_id": "AKIDDEV", "aws_secret_access_key": "dev-secret",
            ])
        #expect(profiles["staging"] == nil)
        #expect(profiles["corp"] == nil)
        #expect(profiles["profile weird"]?["aws_access_key_id"] == "AKIDWEIRD")
        #expect(profiles["weird"] == nil)
        #expect(profiles["default"] == ["region": "us-east-1", "output": "json"])
    }

    @Test("The credentials file wins over the config file for the same key")
    func credentialsFileWins() {
        let profiles = SharedProfiles(
            credentials: SharedConfigFile(parsing: "[default]\naws_access_key_id = FROMCREDS\n"),
            config: SharedConfigFile(parsing: "[default]\naws_access_key_id = FROMCONFIG\nregion = r\n"))
        #expect(profiles["default"] == ["aws_access_key_id": "FROMCREDS", "region": "r"])
    }

    static let home = ["HOME": "/home/ci"]

    @Test("Static keys with a session token from the default profile under HOME")
    func staticKeys() async throws {
        let context = makeContext(
            environment: Self.home,
            files: [
                "/home/ci/.aws/credentials":
                    "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = file-secret\naws_session_token = file-token\n"
            ])
        let result = try await SharedConfigCredentialProvider(context: context, settings: .init()).resolve()
        #expect(result.credentials.accessKeyID == "AKIDFILE")
        #expect(result.credentials.secretAccessKey == "file-secret")
        #expect(result.credentials.sessionToken == "file-token")
        #expect(result.source == "shared config profile default")
    }

    @Test("--profile beats AWS_PROFILE; AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE move the files")
    func profileSelection() async throws {
        let files = [
            "/etc/creds":
                "[a]\naws_access_key_id = AKIDA\naws_secret_access_key = sa\n[b]\naws_access_key_id = AKIDB\naws_secret_access_key = sb\n",
            "/etc/config": "",
        ]
        let environment = [
            "AWS_SHARED_CREDENTIALS_FILE": "/etc/creds", "AWS_CONFIG_FILE": "/etc/config", "AWS_PROFILE": "a",
        ]
        let fromEnv = try await SharedConfigCredentialProvider(
            context: makeContext(environment: environment, files: files), settings: .init()
        ).resolve()
        #expect(fromEnv.credentials.accessKeyID == "AKIDA")
        let fromFlag = try await SharedConfigCredentialProvider(
            context: makeContext(environment: environment, files: files), settings: .init(profile: "b")
        ).resolve()
        #expect(fromFlag.credentials.accessKeyID == "AKIDB")
    }

    @Test("A missing default profile is skipped; a missing named profile is an error")
    func missingProfiles() async {
        let skipped = await #expect(throws: CredentialError.self) {
            try await SharedConfigCredentialProvider(context: makeContext(environment: Self.home), settings: .init())
                .resolve()
        }
        #expect(skipped?.failure == nil)
        #expect(
            skipped?.attempts.first?.reason.contains(
                "neither /home/ci/.aws/credentials nor /home/ci/.aws/config exists") == true)

        let named = await #expect(throws: CredentialError.self) {
            try await SharedConfigCredentialProvider(
                context: makeContext(environment: Self.home, files: ["/home/ci/.aws/config": "[default]\n"]),
                settings: .init(profile: "prod")
            ).resolve()
        }
        #expect(named?.failure?.reason.contains("the profile prod was asked for") == true)
    }

    @Test("A default profile with only a region is skipped, so container and IMDS still get their turn")
    func regionOnlyDefault() async {
        let error = await #expect(throws: CredentialError.self) {
            try await SharedConfigCredentialProvider(
                context: makeContext(
                    environment: Self.home, files: ["/home/ci/.aws/config": "[default]\nregion = us-east-1\n"]),
                settings: .init()
            ).resolve()
        }
        #expect(error?.failure == nil)
    }

    @Test("Half a key pair is an error naming the missing key")
    func halfKeys() async {
        let error = await #expect(throws: CredentialError.self) {
            try await SharedConfigCredentialProvider(
                context: makeContext(
                    environment: Self.home,
                    files: ["/home/ci/.aws/credentials": "[default]\naws_access_key_id = AKID\n"]),
                settings: .init()
            ).resolve()
        }
        #expect(error?.failure?.reason == "aws_access_key_id is set but aws_secret_access_key is not")
    }

    static let roleConfig = """
        [profile deploy]
        role_arn = arn:aws:iam::123456789012:role/deploy
        source_profile = base
        role_session_name = release
        external_id = ext-42
        region = eu-west-1
        """
    static let baseKeys = "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base-secret-key\n"

    @Test("role_arn + source_profile: AssumeRole signed with the source keys for sts in the profile's region")
    func assumeRole() async throws {
        let transport = FakeTransport([stsAnswer("AssumeRole", keyID: "ASIAROLE")])
        let log = SecretLog()
        let context = makeContext(
            environment: Self.home,
            files: ["/home/ci/.aws/config": Self.roleConfig, "/home/ci/.aws/credentials": Self.baseKeys],
            transport: transport, secrets: log.sink)
        let result = try await SharedConfigCredentialProvider(context: context, settings: .init(profile: "deploy"))
            .resolve()
        #expect(result.credentials.accessKeyID == "ASIAROLE")
        #expect(result.expiration == fixedNow + 3_600)
        let request = try #require(transport.sent.first)
        #expect(request.url == "https://sts.eu-west-1.amazonaws.com/")
        let authorization = try #require(request.header("Authorization"))
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDBASE/20231114/eu-west-1/sts/aws4_request, "))
        #expect(request.header("X-Amz-Date") == "20231114T221320Z")
        #expect(request.header("Host") == "sts.eu-west-1.amazonaws.com")
        let fields = formFields(request.body)
        #expect(fields["Action"] == "AssumeRole")
        #expect(fields["RoleArn"] == "arn:aws:iam::123456789012:role/deploy")
        #expect(fields["RoleSessionName"] == "release")
        #expect(fields["ExternalId"] == "ext-42")
        #expect(log.recorded.contains("base-secret-key"))
    }

    @Test("STS AccessDenied on AssumeRole is reported with its code")
    func assumeRoleDenied() async {
        let transport = FakeTransport([stsError(status: 403, code: "AccessDenied", message: "User is not authorized")])
        let context = makeContext(
            environment: Self.home,
            files: ["/home/ci/.aws/config": Self.roleConfig, "/home/ci/.aws/credentials": Self.baseKeys],
            transport: transport)
        let error = await #expect(throws: CredentialError.self) {
            try await SharedConfigCredentialProvider(context: context, settings: .init(profile: "deploy")).resolve()
        }
        #expect(error?.failure?.code == "AccessDenied")
        #expect(
            error?.description.contains(
                "STS AssumeRole at https://sts.eu-west-1.amazonaws.com failed with AccessDenied") == true)
    }

    @Test("A source_profile loop is refused before any call")
    func loop() async {
        let transport = FakeTransport([])
        let config = """
            [profile a]
            role_arn = arn:aws:iam::1:role/a
            source_profile = b
            [profile b]
            role_arn = arn:aws:iam::1:role/b
            source_profile = a
            """
        let context = makeContext(environment: Self.home, files: ["/home/ci/.aws/config": config], transport: transport)
        let error = await #expect(throws: CredentialError.self) {
            try await SharedConfigCredentialProvider(context: context, settings: .init(profile: "a")).resolve()
        }
        #expect(error?.failure?.reason.contains("loop: a → b → a") == true)
        #expect(transport.sent.isEmpty)
    }

    @Test("A profile that is its own source_profile assumes its role with its own keys")
    func selfSource() async throws {
        let transport = FakeTransport([stsAnswer("AssumeRole")])
        let credentials = """
            [self]
            aws_access_key_id = AKIDSELF
            aws_secret_access_key = self-secret
            role_arn = arn:aws:iam::1:role/r
            source_profile = self
            """
        let context = makeContext(
            environment: Self.home, files: ["/home/ci/.aws/credentials": credentials], transport: transport)
        _ = try await SharedConfigCredentialProvider(context: context, settings: .init(profile: "self")).resolve()
        #expect(transport.sent.first?.header("Authorization")?.contains("Credential=AKIDSELF/") == true)
    }

    @Test("role_arn + web_identity_token_file in a profile")
    func profileWebIdentity() async throws {
        let transport = FakeTransport([stsAnswer("AssumeRoleWithWebIdentity")])
        let config = "[profile oidc]\nrole_arn = arn:aws:iam::1:role/r\nweb_identity_token_file = ~/token\n"
        let context = makeContext(
            environment: Self.home, files: ["/home/ci/.aws/config": config, "/home/ci/token": "jwt-from-file-123"],
            transport: transport)
        _ = try await SharedConfigCredentialProvider(context: context, settings: .init(profile: "oidc")).resolve()
        #expect(formFields(transport.sent[0].body)["WebIdentityToken"] == "jwt-from-file-123")
        #expect(transport.sent[0].header("Authorization") == nil)
    }

    @Test("credential_process: the command is split, run, and its JSON read")
    func credentialProcess() async throws {
        let runner = FakeProcessRunner(
            ProcessOutcome(
                termination: .exited(0),
                stdout: Array(
                    #"{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "proc-secret-1", "SessionToken": "proc-token-1", "Expiration": "2023-11-14T23:13:20.000Z"}"#
                        .utf8)))
        let config = #"[default]\ncredential_process = /opt/bin/get-creds --role "deploy role" 'x y'\n"#
            .replacingOccurrences(of: "\\n", with: "\n")
        let context = makeContext(
            environment: Self.home, files: ["/home/ci/.aws/config": config], processRunner: runner)
        let result = try await SharedConfigCredentialProvider(context: context, settings: .init()).resolve()
        #expect(runner.calls == [["/opt/bin/get-creds", "--role", "deploy role", "x y"]])
        #expect(result.credentials.accessKeyID == "AKIDPROC")
        #expect(result.credentials.sessionToken == "proc-token-1")
        #expect(result.expiration == fixedNow + 3_600)
    }

    @Test(
        "credential_process failures are explained",
        arguments: [
            (
                ProcessOutcome(termination: .exited(3), stderr: Array("login required\nmore".utf8)),
                "exited with status 3 (stderr: login required)"
            ),
            (ProcessOutcome(termination: .timedOut), "did not finish within"),
            (ProcessOutcome(termination: .exited(0), stdout: Array("not json".utf8)), "did not print a JSON object"),
            (
                ProcessOutcome(termination: .exited(0), stdout: Array(#"{"Version": 2}"#.utf8)),
                "only Version 1 is understood"
            ),
            (
                ProcessOutcome(termination: .failedToStart("No such file or directory")),
                "could not be started: No such file"
            ),
        ])
    func credentialProcessFailures(outcome: ProcessOutcome, reason: String) async {
        let context = makeContext(
            environment: Self.home, files: ["/home/ci/.aws/config": "[default]\ncredential_process = get-creds\n"],
            processRunner: FakeProcessRunner(outcome))
        let error = await #expect(throws: CredentialError.self) {
            try await SharedConfigCredentialProvider(context: context, settings: .init()).resolve()
        }
        #expect(error?.failure?.reason.contains(reason) == true, "\(String(describing: error?.failure?.reason))")
    }

    @Test("SSO profiles are refused with the credential_process work-around")
    func sso() async {
        let context = makeContext(
            environment: Self.home, files: ["/home/ci/.aws/config": "[profile corp]\nsso_session = corp\n"])
        let error = await #expect(throws: CredentialError.self) {
            try await SharedConfigCredentialProvider(context: context, settings: .init(profile: "corp")).resolve()
        }
        #expect(
            error?.failure?.reason.contains("aws configure export-credentials --profile corp --format process") == true)
    }

    @Test(
        "Command lines split like a shell without expansions",
        arguments: [
            ("a b  c", ["a", "b", "c"] as [String]?), (#"a "b c" 'd e'"#, ["a", "b c", "d e"]),
            (#"a\ b "q\"x" 'no\esc'"#, ["a b", #"q"x"#, #"no\esc"#]), ("a 'open", nil), ("", []),
            (#"x "" y"#, ["x", "", "y"]),
        ])
    func commandLines(line: String, words: [String]?) {
        #expect(CommandLineSplitter.split(line) == words)
    }
}
