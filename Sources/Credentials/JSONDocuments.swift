#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The small JSON documents credential sources answer with, decoded with Foundation's `JSONDecoder` (needed here:
/// the module has no JSON reader of its own).
enum JSONDocuments {
    /// GitHub's ID token service: `{"value": "eyJ…"}`.
    struct GitHubIDToken: Decodable {
        var value: String?
    }

    /// Container endpoints and IMDS: `{"AccessKeyId", "SecretAccessKey", "Token", "Expiration", "Code", "Message"}`.
    struct MetadataCredentials: Decodable {
        var AccessKeyId: String?
        var SecretAccessKey: String?
        var Token: String?
        var Expiration: String?
        var Code: String?
        var Message: String?
        // Container endpoints report errors in lower case.
        var code: String?
        var message: String?
    }

    /// `credential_process` output: `{"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"}`.
    struct ProcessCredentials: Decodable {
        var Version: Int?
        var AccessKeyId: String?
        var SecretAccessKey: String?
        var SessionToken: String?
        var Expiration: String?
    }

    /// Decodes `bytes` as `T`, or nil when they are not such a JSON object.
    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) -> T? {
        try? JSONDecoder().decode(type, from: Data(bytes))
    }
}
