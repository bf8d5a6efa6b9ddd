import SigV4
import Transport

/// Bridges a transport `HTTPRequest` to the SigV4 signer and back: adds `Host` (the URL's authority), signs, and
/// returns the signed request.
enum RequestSigner {
    static func sign(
        _ request: HTTPRequest, credentials: AWSCredentials, region: String, service: String, secondsSince1970: Double
    ) -> HTTPRequest {
        let (authority, path, query) = parts(of: request.url)
        var headers = request.headers.map { SigV4Header(name: $0.name, value: $0.value) }
        if request.header("Host") == nil { headers.insert(SigV4Header(name: "Host", value: authority), at: 0) }
        let unsigned = SigV4Request(
            method: request.method, path: path, query: query, headers: headers, body: request.body)
        let signer = SigV4Signer(credentials: credentials, region: region, service: service)
        let seconds = secondsSince1970.isFinite ? Int(max(0, min(secondsSince1970, 1e11))) : 0
        let signed = signer.signed(unsigned, at: SigningTime(secondsSince1970: seconds))
        var result = request
        // Host stays in the list: libcurl then sends exactly the value that was signed.
        result.headers = signed.headers.map { HTTPHeader($0.name, $0.value) }
        return result
    }

    /// Splits `scheme://authority/path?query` into the authority, the path (at least "/") and the raw query.
    static func parts(of url: String) -> (authority: String, path: String, query: String) {
        var rest = Substring(url)
        if let scheme = rest.firstRange(of: "://") { rest = rest[scheme.upperBound...] }
        guard let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return (String(rest), "/", "") }
        let authority = String(rest[..<slash])
        rest = rest[slash...]
        if let question = rest.firstIndex(of: "?") {
            let path = rest[..<question]
            return (authority, path.isEmpty ? "/" : String(path), String(rest[rest.index(after: question)...]))
        }
        return (authority, String(rest), "")
    }
}
