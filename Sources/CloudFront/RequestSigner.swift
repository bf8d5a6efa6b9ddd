import SigV4
import Transport

/// Bridges a transport `HTTPRequest` to the SigV4 signer and back: adds `Host`, signs, returns the signed request.
enum RequestSigner {
    static func sign(
        _ request: HTTPRequest, host: String, credentials: AWSCredentials, region: String, service: String,
        secondsSince1970: Double
    ) -> HTTPRequest {
        let (path, query) = pathAndQuery(of: request.url)
        var headers = request.headers.map { SigV4Header(name: $0.name, value: $0.value) }
        headers.insert(SigV4Header(name: "Host", value: host), at: 0)
        let unsigned = SigV4Request(
            method: request.method, path: path, query: query, headers: headers, body: request.body)
        let signer = SigV4Signer(credentials: credentials, region: region, service: service)
        let signed = signer.signed(unsigned, at: SigningTime(secondsSince1970: Int(secondsSince1970)))
        var result = request
        // Host stays in the list: libcurl then sends exactly the value that was signed.
        result.headers = signed.headers.map { HTTPHeader($0.name, $0.value) }
        return result
    }

    /// Splits `scheme://authority/path?query` into the path (at least "/") and the raw query.
    static func pathAndQuery(of url: String) -> (path: String, query: String) {
        var rest = Substring(url)
        if let scheme = rest.firstRange(of: "://") { rest = rest[scheme.upperBound...] }
        guard let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return ("/", "") }
        rest = rest[slash...]
        if let question = rest.firstIndex(of: "?") {
            let path = rest[..<question]
            return (path.isEmpty ? "/" : String(path), String(rest[rest.index(after: question)...]))
        }
        return (String(rest), "")
    }
}
