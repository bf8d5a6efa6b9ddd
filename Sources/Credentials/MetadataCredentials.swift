import SigV4
import TextTrimming

/// Reads the credentials JSON that container endpoints and IMDS share.
enum MetadataCredentials {
    /// The credentials in `body`, or a reason (without secrets) why there are none.
    /// Credentials, or why there are none.
    enum Outcome {
        case success(ResolvedCredentials)
        case failure(String)
    }

    static func decode(_ body: [UInt8], source: String) -> Outcome {
        guard let document = JSONDocuments.decode(JSONDocuments.MetadataCredentials.self, from: body) else {
            return .failure("the answer is not a JSON object")
        }
        if let code = document.Code ?? document.code, code != "Success" {
            let message = (document.Message ?? document.message).map { ": \($0)" } ?? ""
            return .failure("the answer says \(code)\(message)")
        }
        guard let keyID = document.AccessKeyId?.trimmingASCIIWhitespace(), !keyID.isEmpty,
            let secret = document.SecretAccessKey?.trimmingASCIIWhitespace(), !secret.isEmpty
        else {
            return .failure("the answer has no AccessKeyId or SecretAccessKey")
        }
        let token = document.Token?.trimmingASCIIWhitespace()
        return .success(
            ResolvedCredentials(
                credentials: AWSCredentials(
                    accessKeyID: keyID, secretAccessKey: secret, sessionToken: token?.isEmpty == false ? token : nil),
                source: source, expiration: document.Expiration.flatMap(Timestamp.secondsSince1970)))
    }
}
