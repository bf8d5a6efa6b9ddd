// libFuzzer target: the JSON documents credential sources answer with: container endpoints and IMDS,
// `credential_process` output, and GitHub's OIDC token service.
@testable import Credentials

/// One input: a JSON document from one of those sources. Each reader takes it or gives a reason; nothing traps.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCredentialJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let body = Array(UnsafeBufferPointer(start: data, count: size))
    switch MetadataCredentials.decode(body, source: "container") {
    case .success(let resolved): _ = "\(resolved)"
    case .failure(let reason): _ = reason
    }
    if let process = JSONDocuments.decode(JSONDocuments.ProcessCredentials.self, from: body) {
        _ = process.Expiration.flatMap(Timestamp.secondsSince1970)
    }
    _ = JSONDocuments.decode(JSONDocuments.GitHubIDToken.self, from: body)
    _ = Timestamp.secondsSince1970(String(decoding: body, as: UTF8.self))
    return 0
}
