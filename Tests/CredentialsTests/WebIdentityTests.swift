import AWSPipeline
import Credentials
import Resilience
import Synchronization
import TestSupport
import Testing
import Transport

@Suite("Web identity and native CI OIDC")
struct WebIdentityTests {
    static let role = "arn:aws:iam::123456789012:role/deploy"
    static let jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvIn0.c2lnbmF0dXJl"

    @Test("AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN: unsigned form POST to the global endpoint")
    func tokenFileGlobal() async throws {
        let transport = FakeTransport([stsAnswer("AssumeRoleWithWebIdentity")])
        let log = SecretLog()
        let context = makeContext(
            environment: [
                "AWS_WEB_IDENTITY_TOKEN_FILE": "/var/run/token", "AWS_ROLE_ARN": Self.role,
                "AWS_ROLE_SESSION_NAME": "my session/1",
            ],
            files: ["/var/run/token": Self.jwt + "\n"], transport: transport, secrets: log.sink)
        let result = try await WebIdentityCredentialProvider(context: context).resolve()
        #expect(result.credentials.accessKeyID == "ASIASTSEXAMPLE")
        #expect(result.credentials.sessionToken == "sts-session-token-0123456789")
        #expect(result.expiration == fixedNow + 3_600)
        let request = try #require(transport.sent.first)
        #expect(request.method == "POST")
        #expect(request.url == "https://sts.amazonaws.com/")
        #expect(request.header("Authorization") == nil)
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded; charset=utf-8")
        let fields = formFields(request.body)
        #expect(fields["Action"] == "AssumeRoleWithWebIdentity")
        #expect(fields["Version"] == "2011-06-15")
        #expect(fields["RoleArn"] == Self.role)
        #expect(fields["RoleSessionName"] == "my-session.1")
        #expect(fields["WebIdentityToken"] == Self.jwt)
        #expect(log.recorded == [Self.jwt])
    }

    @Test(
        "The STS endpoint follows AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, then AWS_REGION",
        arguments: [
            (["AWS_REGION": "eu-west-1"], "https://sts.eu-west-1.amazonaws.com", "eu-west-1"),
            (["AWS_DEFAULT_REGION": "cn-north-1"], "https://sts.cn-north-1.amazonaws.com.cn", "cn-north-1"),
            (
                ["AWS_ENDPOINT_URL": "http://127.0.0.1:5000", "AWS_REGION": "eu-west-1"], "http://127.0.0.1:5000",
                "eu-west-1"
            ),
            (
                ["AWS_ENDPOINT_URL": "http://127.0.0.1:5000", "AWS_ENDPOINT_URL_STS": "http://127.0.0.1:6000"],
                "http://127.0.0.1:6000", "us-east-1"
            ),
            ([:], "https://sts.amazonaws.com", "us-east-1"),
        ])
    func endpoints(environment: [String: String], url: String, region: String) {
        let endpoint = STSClient.Endpoint.resolve(environment: environment)
        #expect(endpoint.url == url)
        #expect(endpoint.region == region)
    }

    @Test(
        "STS errors are reported with their code and advice",
        arguments: [
            (
                "InvalidIdentityToken", "No OpenIDConnect provider found in your account for https://issuer",
                "IAM OIDC identity provider"
            ),
            ("AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity", "trust policy"),
            (
                "ExpiredToken", "Token expired: current date/time 1700000000 must be before the expiration date/time",
                "fresh one"
            ),
        ])
    func stsErrors(code: String, message: String, advice: String) async throws {
        let transport = FakeTransport([stsError(status: 400, code: code, message: message)])
        let context = makeContext(
            environment: ["AWS_WEB_IDENTITY_TOKEN_FILE": "/t", "AWS_ROLE_ARN": Self.role],
            files: ["/t": Self.jwt], transport: transport)
        let chain = CredentialProviderChain(
            providers: [WebIdentityCredentialProvider(context: context)], secrets: context.secrets)
        let error = await #expect(throws: CredentialError.self) { try await chain.resolve() }
        #expect(transport.sent.count == 1)  // not retried
        #expect(error?.failure?.code == code)
        let text = error?.description ?? ""
        #expect(text.contains("failed with \(code): \(message)"))
        #expect(text.contains("request ID req-err"))
        #expect(text.contains(advice))
        #expect(!text.contains(Self.jwt))
    }

    @Test("Throttling and 5xx from STS are retried")
    func retried() async throws {
        let transport = FakeTransport([
            stsError(status: 400, code: "Throttling", message: "Rate exceeded"),
            .respond(HTTPResponse(status: 503)), stsAnswer("AssumeRoleWithWebIdentity"),
        ])
        let context = makeContext(
            environment: ["AWS_WEB_IDENTITY_TOKEN_FILE": "/t", "AWS_ROLE_ARN": Self.role],
            files: ["/t": Self.jwt], transport: transport)
        _ = try await WebIdentityCredentialProvider(context: context).resolve()
        #expect(transport.sent.count == 3)
    }

    @Test("STS honours Retry-After and logs its retries through the context, like CloudFront (issue 14)")
    func retryAfterAndLog() async throws {
        guard case .respond(var throttled) = stsError(status: 400, code: "Throttling", message: "Rate exceeded") else {
            Issue.record("stsError should be an answer")
            return
        }
        throttled.headers.append(HTTPHeader("Retry-After", "7"))
        let transport = FakeTransport([.respond(throttled), stsAnswer("AssumeRoleWithWebIdentity")])
        let sleeper = RecordingSleeper()
        let notices = Mutex<[RetryNotice]>([])
        var context = makeContext(
            environment: ["AWS_WEB_IDENTITY_TOKEN_FILE": "/t", "AWS_ROLE_ARN": Self.role],
            files: ["/t": Self.jwt], transport: transport)
        context.retrier = Retrier(policy: RetryPolicy(maxAttempts: 3), sleeper: sleeper, random: FixedRandom(0))
        context.onRetry = { notice in notices.withLock { $0.append(notice) } }
        _ = try await WebIdentityCredentialProvider(context: context).resolve()
        #expect(sleeper.delays == [.seconds(7)])
        let logged = notices.withLock { $0 }
        #expect(logged.map(\.service) == ["STS"])
        #expect(logged.map(\.operation) == ["AssumeRoleWithWebIdentity"])
    }

    @Test("Missing role, unreadable or empty token file: applied failures naming the setting")
    func webIdentityProblems() async {
        let cases: [([String: String], [String: String], String, Bool)] = [
            ([:], [:], "AWS_WEB_IDENTITY_TOKEN_FILE is not set", false),
            (["AWS_WEB_IDENTITY_TOKEN_FILE": "/t"], ["/t": Self.jwt], "AWS_ROLE_ARN (or --role-arn) is not", true),
            (["AWS_WEB_IDENTITY_TOKEN_FILE": "/missing", "AWS_ROLE_ARN": Self.role], [:], "could not be read", true),
            (["AWS_WEB_IDENTITY_TOKEN_FILE": "/t", "AWS_ROLE_ARN": Self.role], ["/t": " \n"], "is empty", true),
        ]
        for (environment, files, reason, applied) in cases {
            let context = makeContext(environment: environment, files: files)
            let error = await #expect(throws: CredentialError.self) {
                try await WebIdentityCredentialProvider(context: context).resolve()
            }
            #expect(error?.attempts.first?.reason.contains(reason) == true, "\(reason)")
            #expect(error?.attempts.first?.applied == applied)
        }
    }

    @Test("--role-arn overrides AWS_ROLE_ARN for the token file")
    func roleFlagWins() async throws {
        let transport = FakeTransport([stsAnswer("AssumeRoleWithWebIdentity")])
        let context = makeContext(
            environment: ["AWS_WEB_IDENTITY_TOKEN_FILE": "/t", "AWS_ROLE_ARN": "arn:aws:iam::1:role/env"],
            files: ["/t": Self.jwt], transport: transport)
        _ = try await WebIdentityCredentialProvider(context: context, roleARN: Self.role).resolve()
        #expect(formFields(transport.sent[0].body)["RoleArn"] == Self.role)
    }

    static let gitHub = [
        "GITHUB_ACTIONS": "true", "ACTIONS_ID_TOKEN_REQUEST_URL": "https://token.example/idtoken?api-version=2.0",
        "ACTIONS_ID_TOKEN_REQUEST_TOKEN": "runtime-request-token", "GITHUB_REPOSITORY": "octo-org/site",
        "GITHUB_RUN_ID": "9876543210", "GITHUB_RUN_ATTEMPT": "2",
    ]

    @Test("GitHub Actions: the ID token is requested for the audience, masked, then exchanged")
    func gitHubFlow() async throws {
        let transport = FakeTransport([
            jsonAnswer(#"{"count":1,"value":"\#(Self.jwt)"}"#), stsAnswer("AssumeRoleWithWebIdentity"),
        ])
        let log = SecretLog()
        let context = makeContext(environment: Self.gitHub, transport: transport, secrets: log.sink)
        let provider = CIOIDCCredentialProvider(context: context, settings: .init(roleARN: Self.role))
        let result = try await provider.resolve()
        #expect(result.source == "GitHub Actions OIDC")
        let tokenRequest = transport.sent[0]
        #expect(tokenRequest.method == "GET")
        #expect(tokenRequest.url == "https://token.example/idtoken?api-version=2.0&audience=sts.amazonaws.com")
        #expect(tokenRequest.header("Authorization") == "bearer runtime-request-token")
        let fields = formFields(transport.sent[1].body)
        #expect(fields["WebIdentityToken"] == Self.jwt)
        #expect(fields["RoleSessionName"] == "gh-octo-org.site-9876543210-2")
        #expect(log.recorded == ["runtime-request-token", Self.jwt])
    }

    @Test("A custom audience from the flag or CLOUDFRONT_OIDC_AUDIENCE is percent-encoded")
    func gitHubAudience() async throws {
        for (settings, extra, expected) in [
            (
                CredentialChainSettings(roleARN: Self.role, oidcAudience: "api://my app"), [String: String](),
                "api://my app"
            ),
            (CredentialChainSettings(roleARN: Self.role), ["CLOUDFRONT_OIDC_AUDIENCE": "custom"], "custom"),
        ] {
            let transport = FakeTransport([
                jsonAnswer(#"{"value":"\#(Self.jwt)"}"#), stsAnswer("AssumeRoleWithWebIdentity"),
            ])
            let context = makeContext(environment: Self.gitHub.merging(extra) { $1 }, transport: transport)
            _ = try await CIOIDCCredentialProvider(context: context, settings: settings).resolve()
            #expect(queryItems(transport.sent[0].url)["audience"] == expected)
            #expect(!transport.sent[0].url.contains(" "))
        }
    }

    @Test("GitHub without `id-token: write` fails with that fix")
    func gitHubWithoutPermission() async {
        var environment = Self.gitHub
        environment["ACTIONS_ID_TOKEN_REQUEST_URL"] = nil
        let context = makeContext(environment: environment)
        let error = await #expect(throws: CredentialError.self) {
            try await CIOIDCCredentialProvider(context: context, settings: .init(roleARN: Self.role)).resolve()
        }
        #expect(error?.failure?.reason.contains("`permissions: id-token: write`") == true)
    }

    @Test("GitHub token service errors are applied failures")
    func gitHubTokenServiceError() async {
        let transport = FakeTransport([jsonAnswer(#"{"message":"no"}"#, status: 403)])
        let context = makeContext(environment: Self.gitHub, transport: transport)
        let error = await #expect(throws: CredentialError.self) {
            try await CIOIDCCredentialProvider(context: context, settings: .init(roleARN: Self.role)).resolve()
        }
        #expect(error?.failure?.reason.contains("answered HTTP 403") == true)
    }

    static let gitLab = [
        "GITLAB_CI": "true", "CI_PROJECT_PATH": "group/sub/project", "CI_PIPELINE_ID": "555", "CI_JOB_ID": "777",
    ]

    @Test("GitLab: the token comes from AWS_ID_TOKEN, or the variable named by flag or environment")
    func gitLabVariables() async throws {
        let cases: [(CredentialChainSettings, [String: String])] = [
            (.init(roleARN: Self.role), ["AWS_ID_TOKEN": Self.jwt]),
            (
                .init(roleARN: Self.role, oidcTokenVariable: "MY_TOKEN"),
                ["MY_TOKEN": Self.jwt, "AWS_ID_TOKEN": "wrong-token-x"]
            ),
            (.init(), ["AWS_ROLE_ARN": Self.role, "CLOUDFRONT_OIDC_TOKEN_VARIABLE": "OTHER", "OTHER": Self.jwt]),
        ]
        for (settings, extra) in cases {
            let transport = FakeTransport([stsAnswer("AssumeRoleWithWebIdentity")])
            let context = makeContext(environment: Self.gitLab.merging(extra) { $1 }, transport: transport)
            let result = try await CIOIDCCredentialProvider(context: context, settings: settings).resolve()
            #expect(result.source == "GitLab CI OIDC")
            let fields = formFields(transport.sent[0].body)
            #expect(fields["WebIdentityToken"] == Self.jwt)
            #expect(fields["RoleSessionName"] == "gl-group.sub.project-555-777")
        }
    }

    @Test("GitLab without the id_tokens variable fails with the declaration to add")
    func gitLabMissingToken() async {
        let context = makeContext(environment: Self.gitLab)
        let error = await #expect(throws: CredentialError.self) {
            try await CIOIDCCredentialProvider(context: context, settings: .init(roleARN: Self.role)).resolve()
        }
        #expect(error?.failure?.reason.contains("`id_tokens: AWS_ID_TOKEN: aud: $CI_SERVER_URL`") == true)
    }

    @Test("Without a role ARN, or outside CI with no token, the source does not apply")
    func notApplying() async {
        for (environment, settings) in [
            (Self.gitHub, CredentialChainSettings()), ([String: String](), CredentialChainSettings(roleARN: Self.role)),
            (["AWS_WEB_IDENTITY_TOKEN_FILE": "/t"], CredentialChainSettings(roleARN: Self.role)),
        ] {
            let error = await #expect(throws: CredentialError.self) {
                try await CIOIDCCredentialProvider(context: makeContext(environment: environment), settings: settings)
                    .resolve()
            }
            #expect(error?.failure == nil)
        }
    }

    @Test(
        "Session names keep STS's rules and the run IDs",
        arguments: [
            (
                [
                    "GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "o/r", "GITHUB_RUN_ID": "1",
                    "GITHUB_RUN_ATTEMPT": "1",
                ], "gh-o.r-1-1"
            ),
            (
                [
                    "GITHUB_ACTIONS": "true",
                    "GITHUB_REPOSITORY": "an-organisation-with-a-long-name/and-a-repository-with-a-longer-name",
                    "GITHUB_RUN_ID": "12345678901", "GITHUB_RUN_ATTEMPT": "3",
                ],
                "gh-an-organisation-with-a-long-name.and-a-reposito-12345678901-3"
            ),
            (
                ["GITLAB_CI": "true", "CI_PROJECT_PATH": "grp/prj ünï", "CI_PIPELINE_ID": "5", "CI_JOB_ID": "6"],
                "gl-grp.prj--n--5-6"
            ),
            ([:], "cloudfront-invalidate-1700000000"),
        ])
    func sessionNames(environment: [String: String], expected: String) {
        let name = SessionName.forCI(environment: environment, now: fixedNow)
        #expect(name == expected)
        #expect((2...64).contains(name.count))
        #expect(name.unicodeScalars.allSatisfy { SessionNameRules.allowed($0) })
    }
}

/// STS's RoleSessionName pattern `[\w+=,.@-]*`, restated independently of the code under test.
enum SessionNameRules {
    static func allowed(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII
            && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                || "_+=,.@-".unicodeScalars.contains(scalar))
    }
}
