import Credentials
import TestSupport
import Testing
import Transport

@Suite("Container and instance metadata")
struct MetadataProviderTests {
    static let credentialsJSON = """
        {"RoleArn": "arn:aws:iam::1:role/task", "AccessKeyId": "ASIACONTAINER", "SecretAccessKey": "container-secret-1",
         "Token": "container-token-1", "Expiration": "2023-11-14T23:13:20Z"}
        """

    @Test("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI goes to 169.254.170.2")
    func relative() async throws {
        let transport = FakeTransport([jsonAnswer(Self.credentialsJSON)])
        let context = makeContext(
            environment: ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc"], transport: transport)
        let result = try await ContainerCredentialProvider(context: context).resolve()
        #expect(transport.sent.first?.url == "http://169.254.170.2/v2/credentials/abc")
        #expect(transport.sent.first?.header("Authorization") == nil)
        #expect(result.credentials.accessKeyID == "ASIACONTAINER")
        #expect(result.credentials.sessionToken == "container-token-1")
        #expect(result.expiration == fixedNow + 3_600)
    }

    @Test("FULL_URI with the token file (read each time) beats the token variable")
    func fullURIWithTokenFile() async throws {
        let transport = FakeTransport([jsonAnswer(Self.credentialsJSON)])
        let log = SecretLog()
        let context = makeContext(
            environment: [
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://169.254.170.23/v1/credentials",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": "/var/run/secrets/eks-token",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN": "variable-token-x",
            ],
            files: ["/var/run/secrets/eks-token": "file-token-value\n"], transport: transport, secrets: log.sink)
        _ = try await ContainerCredentialProvider(context: context).resolve()
        #expect(transport.sent.first?.url == "http://169.254.170.23/v1/credentials")
        #expect(transport.sent.first?.header("Authorization") == "file-token-value")
        #expect(log.recorded == ["file-token-value"])
    }

    @Test(
        "Plain HTTP full URIs must point at loopback or the ECS/EKS addresses",
        arguments: [
            ("http://127.0.0.1:8080/creds", true), ("http://localhost/creds", true), ("http://[::1]:9/c", true),
            ("http://169.254.170.2/c", true), ("http://[fd00:ec2::23]/c", true), ("https://creds.example.com/c", true),
            ("http://creds.example.com/c", false), ("http://10.0.0.1/c", false), ("http://127.0.0.1.evil.com/c", false),
        ])
    func fullURIHosts(url: String, allowed: Bool) async {
        let transport = FakeTransport([jsonAnswer(Self.credentialsJSON)])
        let context = makeContext(
            environment: [
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": url, "AWS_CONTAINER_AUTHORIZATION_TOKEN": "tok-12345678",
            ],
            transport: transport)
        var resolved = false
        do {
            _ = try await ContainerCredentialProvider(context: context).resolve()
            resolved = true
        } catch {
            #expect(error.failure?.reason.contains("use https or one of those hosts") == true)
        }
        #expect(resolved == allowed)
        #expect(transport.sent.isEmpty == !allowed)
    }

    @Test("Container errors: HTTP status, an error document, not configured")
    func containerErrors() async {
        let cases: [([FakeTransport.Step], [String: String], String, Bool)] = [
            (
                [jsonAnswer(#"{"code":"AccessDenied","message":"bad token"}"#, status: 401)],
                ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:1/c"], "answered HTTP 401", true
            ),
            (
                [jsonAnswer(#"{"Code":"Failure","Message":"no role"}"#)],
                ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/c"], "the answer says Failure: no role", true
            ),
            ([], [:], "neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor", false),
        ]
        for (script, environment, reason, applied) in cases {
            let context = makeContext(environment: environment, transport: FakeTransport(script))
            let error = await #expect(throws: CredentialError.self) {
                try await ContainerCredentialProvider(context: context).resolve()
            }
            #expect(error?.attempts.first?.reason.contains(reason) == true, "\(reason)")
            #expect(error?.attempts.first?.applied == applied)
        }
    }

    static let imdsCredentials = """
        {"Code": "Success", "LastUpdated": "2023-11-14T22:00:00Z", "Type": "AWS-HMAC", "AccessKeyId": "ASIAIMDS",
         "SecretAccessKey": "imds-secret-1", "Token": "imds-token-1", "Expiration": "2023-11-15T04:13:20Z"}
        """

    @Test("IMDSv2: token PUT with a TTL, then the role and its credentials with the token")
    func imdsFlow() async throws {
        let metadata = FakeTransport([
            .respond(HTTPResponse(status: 200, body: Array("imds-session-token-abc".utf8))),
            .respond(HTTPResponse(status: 200, body: Array("deploy-role\n".utf8))),
            jsonAnswer(Self.imdsCredentials),
        ])
        let other = FakeTransport([])
        let context = makeContext(
            environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:9999/"], transport: other,
            metadataTransport: metadata)
        let result = try await InstanceMetadataCredentialProvider(context: context).resolve()
        #expect(result.credentials.accessKeyID == "ASIAIMDS")
        #expect(result.expiration == fixedNow + 6 * 3_600)
        let sent = metadata.sent
        #expect(sent.map(\.method) == ["PUT", "GET", "GET"])
        #expect(
            sent.map(\.url) == [
                "http://127.0.0.1:9999/latest/api/token",
                "http://127.0.0.1:9999/latest/meta-data/iam/security-credentials/",
                "http://127.0.0.1:9999/latest/meta-data/iam/security-credentials/deploy-role",
            ])
        #expect(sent[0].header("X-aws-ec2-metadata-token-ttl-seconds") == "21600")
        #expect(sent[1].header("X-aws-ec2-metadata-token") == "imds-session-token-abc")
        #expect(sent[2].header("X-aws-ec2-metadata-token") == "imds-session-token-abc")
        #expect(other.sent.isEmpty)
    }

    @Test("IMDS does not apply when disabled, unreachable, refusing tokens, or without a role")
    func imdsSkips() async {
        let cases: [([String: String], [FakeTransport.Step], String)] = [
            (["AWS_EC2_METADATA_DISABLED": "TRUE"], [], "AWS_EC2_METADATA_DISABLED is true"),
            (
                [:], [.fail(TransportError(.timeout, "Connection timed out after 1000 milliseconds"))],
                "no instance metadata service answered at http://169.254.169.254"
            ),
            (
                ["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE": "IPv6"], [.fail(TransportError(.connect, "refused"))],
                "http://[fd00:ec2::254]"
            ),
            ([:], [.respond(HTTPResponse(status: 403))], "token request to http://169.254.169.254 answered HTTP 403"),
            (
                [:],
                [
                    .respond(HTTPResponse(status: 200, body: Array("tok-123456789".utf8))),
                    .respond(HTTPResponse(status: 404)),
                ], "has no IAM role"
            ),
        ]
        for (environment, script, reason) in cases {
            let metadata = FakeTransport(script)
            let context = makeContext(environment: environment, metadataTransport: metadata)
            let error = await #expect(throws: CredentialError.self) {
                try await InstanceMetadataCredentialProvider(context: context).resolve()
            }
            #expect(error?.attempts.first?.applied == false)
            #expect(error?.attempts.first?.reason.contains(reason) == true, "\(reason)")
            if environment["AWS_EC2_METADATA_DISABLED"] != nil { #expect(metadata.sent.isEmpty) }
        }
    }

    @Test("The standard chain: environment keys win and nothing is sent")
    func standardChainEnvironment() async throws {
        let transport = FakeTransport([])
        let context = makeContext(
            environment: ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret-1"],
            transport: transport,
            metadataTransport: transport)
        let provider = CredentialProviderChain.standard(settings: .init(), context: context)
        #expect(try await provider.resolve().source == "environment")
        #expect(transport.sent.isEmpty)
    }

    @Test("The standard chain with nothing configured tries all six sources in the SDKs' order")
    func standardChainNothing() async {
        let context = makeContext(environment: ["HOME": "/nowhere", "AWS_EC2_METADATA_DISABLED": "true"])
        let error = await #expect(throws: CredentialError.self) {
            try await CredentialProviderChain.standard(settings: .init(), context: context).resolve()
        }
        #expect(
            error?.attempts.map(\.source) == [
                "environment", "web identity", "CI OIDC", "shared config", "container", "instance metadata",
            ])
        #expect(error?.failure == nil)
    }

    @Test(
        "Expiry times in the forms AWS sends",
        arguments: [
            ("2023-11-14T23:13:20Z", 1_700_003_600.0 as Double?), ("2023-11-14T23:13:20.999Z", 1_700_003_600),
            ("2023-11-15T00:13:20+01:00", 1_700_003_600), ("2023-11-14T22:13:20-0100", 1_700_003_600),
            ("2023-11-14 23:13:20Z", 1_700_003_600), ("2023-11-14T23:13:20", nil), ("yesterday", nil),
            ("2023-13-14T23:13:20Z", nil),
        ])
    func timestamps(text: String, seconds: Double?) async throws {
        // Read through a container answer: the module's parser is internal.
        let json = #"{"AccessKeyId":"A","SecretAccessKey":"S","Expiration":"\#(text)"}"#
        let context = makeContext(
            environment: ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/c"], transport: FakeTransport([jsonAnswer(json)]))
        let result = try await ContainerCredentialProvider(context: context).resolve()
        #expect(result.expiration == seconds)
    }
}
