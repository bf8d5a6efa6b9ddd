import Foundation
import SigV4

/// One fixture folder (`v4/<name>` or `cloudfront/<name>`) with its context, request and expected results.
struct VectorCase: Sendable, CustomStringConvertible {
    /// `v4/get-vanilla`, relative to the Fixtures folder.
    let id: String

    var description: String { id }

    /// The Fixtures folder as copied into the test bundle.
    static var fixturesURL: URL {
        get throws {
            guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
                throw RequestFile.ParseError("Fixtures folder missing from the test bundle")
            }
            return url
        }
    }

    /// Every case folder under `v4/` and `cloudfront/`, sorted; empty only if the bundle is broken
    /// (a separate test asserts the count, so an empty list cannot pass silently).
    static let all: [VectorCase] = {
        guard let root = try? fixturesURL else { return [] }
        return ["v4", "cloudfront"].flatMap { suite in
            let names =
                (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(suite).path)) ?? []
            return names.sorted().map { VectorCase(id: "\(suite)/\($0)") }
        }
    }()

    var isCloudFront: Bool { id.hasPrefix("cloudfront/") }

    func data(_ file: String) throws -> Data {
        try Data(contentsOf: Self.fixturesURL.appendingPathComponent(id).appendingPathComponent(file))
    }

    func text(_ file: String) throws -> String {
        String(decoding: try data(file), as: UTF8.self)
    }

    func request() throws -> SigV4Request {
        try RequestFile.parse(Array(try data("request.txt")))
    }

    /// The signer and time the case's `context.json` describes (the two suites use two layouts).
    func signerAndTime() throws -> (SigV4Signer, SigningTime) {
        let context = try JSONDecoder().decode(Context.self, from: try data("context.json"))
        let credentials = AWSCredentials(
            accessKeyID: context.credentials?.accessKeyID ?? context.accessKeyID ?? "",
            secretAccessKey: context.credentials?.secretAccessKey ?? context.secretAccessKey ?? "",
            sessionToken: context.credentials?.token ?? context.sessionToken)
        let options = SigV4Signer.Options(
            normalizePath: context.normalize ?? true,
            signSessionToken: !(context.omitSessionToken ?? false),
            addContentSHA256Header: context.signBody ?? false)
        guard let time = SigningTime(context.timestamp) else {
            throw RequestFile.ParseError("bad timestamp \(context.timestamp)")
        }
        return (
            SigV4Signer(credentials: credentials, region: context.region, service: context.service, options: options),
            time
        )
    }

    /// Expected canonical request, string to sign, and Authorization header value.
    func expected() throws -> (canonicalRequest: String, stringToSign: String, authorization: String) {
        if isCloudFront {
            return (try text("canonical-request.txt"), try text("string-to-sign.txt"), try text("authorization.txt"))
        }
        let signedRequest = try RequestFile.parse(Array(try data("header-signed-request.txt")))
        guard let authorization = signedRequest.value(forHeader: "Authorization") else {
            throw RequestFile.ParseError("\(id): no Authorization in header-signed-request.txt")
        }
        return (try text("header-canonical-request.txt"), try text("header-string-to-sign.txt"), authorization)
    }

    /// `context.json`: aws-c-auth's layout (nested credentials) or the CloudFront cases' flat one.
    private struct Context: Decodable {
        struct Credentials: Decodable {
            let accessKeyID: String
            let secretAccessKey: String
            let token: String?
            enum CodingKeys: String, CodingKey {
                case accessKeyID = "access_key_id", secretAccessKey = "secret_access_key", token
            }
        }
        let credentials: Credentials?
        let accessKeyID: String?
        let secretAccessKey: String?
        let sessionToken: String?
        let region: String
        let service: String
        let timestamp: String
        let normalize: Bool?
        let signBody: Bool?
        let omitSessionToken: Bool?
        enum CodingKeys: String, CodingKey {
            case credentials, region, service, timestamp, normalize
            case accessKeyID = "access_key_id", secretAccessKey = "secret_access_key", sessionToken = "session_token"
            case signBody = "sign_body", omitSessionToken = "omit_session_token"
        }
    }
}
