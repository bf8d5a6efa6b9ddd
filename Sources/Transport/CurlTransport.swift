internal import CCurl

#if canImport(Dispatch)
    import Dispatch
#endif

/// An `HTTPTransport` over libcurl: one easy handle per request, run off the cooperative thread pool.
///
/// libcurl already honours `http_proxy`, `https_proxy` and `no_proxy`; TLS peer and host verification stay on.
public struct CurlTransport: HTTPTransport {
    /// Limits and TLS settings for every request this transport sends.
    public struct Configuration: Sendable, Equatable {
        public var connectTimeoutSeconds: Int
        public var totalTimeoutSeconds: Int
        /// Bodies beyond this size are refused rather than buffered (CloudFront's largest answers are a few KiB).
        public var maxResponseBytes: Int
        /// The CA certificates to verify servers against (`CABundleLocator` finds them on any Linux).
        public var trust: CATrust
        public var userAgent: String

        public init(
            connectTimeoutSeconds: Int = 10, totalTimeoutSeconds: Int = 30, maxResponseBytes: Int = 4 << 20,
            trust: CATrust = .libraryDefault, userAgent: String = "cloudfront-invalidate"
        ) {
            self.connectTimeoutSeconds = connectTimeoutSeconds
            self.totalTimeoutSeconds = totalTimeoutSeconds
            self.maxResponseBytes = maxResponseBytes
            self.trust = trust
            self.userAgent = userAgent
        }
    }

    public let configuration: Configuration

    public init(configuration: Configuration = .init()) {
        CurlGlobal.initializeOnce()
        self.configuration = configuration
    }

    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        let configuration = self.configuration
        if let failure = configuration.trust.failure(for: request.url) { throw failure }
        let result: Result<HTTPResponse, TransportError> = await withCheckedContinuation { continuation in
            // curl_easy_perform blocks; keep it off Swift's small cooperative pool.
            DispatchQueue.global().async {
                continuation.resume(returning: CurlExchange(request: request, configuration: configuration).perform())
            }
        }
        return try result.get()
    }
}

/// `curl_global_init` must run once, before any other thread uses libcurl.
private enum CurlGlobal {
    static let initialized: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
    static func initializeOnce() { _ = initialized }
}

/// One request on one easy handle: options set, performed, cleaned up.
private final class CurlExchange {
    let request: HTTPRequest
    let configuration: CurlTransport.Configuration
    var body: [UInt8] = []
    var headerLines: [String] = []
    var bodyTooLarge = false

    init(request: HTTPRequest, configuration: CurlTransport.Configuration) {
        self.request = request
        self.configuration = configuration
    }

    func perform() -> Result<HTTPResponse, TransportError> {
        guard let handle = curl_easy_init() else {
            return .failure(TransportError(.other, "libcurl could not create a handle"))
        }
        defer { curl_easy_cleanup(handle) }
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        defer { errorBuffer.deallocate() }

        var headerList: UnsafeMutablePointer<curl_slist>? = nil
        // "Expect:" stops libcurl from waiting for 100-continue on POST bodies.
        for line in request.headers.map({ "\($0.name): \($0.value)" }) + ["Expect:"] {
            headerList = curl_slist_append(headerList, line)
        }
        defer { curl_slist_free_all(headerList) }

        let context = Unmanaged.passRetained(self)
        defer { context.release() }

        cfi_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        cfi_setopt_string(handle, CURLOPT_URL, request.url)
        cfi_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
        cfi_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        cfi_setopt_long(handle, CURLOPT_CONNECTTIMEOUT, configuration.connectTimeoutSeconds)
        cfi_setopt_long(handle, CURLOPT_TIMEOUT, configuration.totalTimeoutSeconds)
        cfi_setopt_string(handle, CURLOPT_USERAGENT, configuration.userAgent)
        cfi_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1)
        cfi_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2)
        if let file = configuration.trust.bundleFile { cfi_setopt_string(handle, CURLOPT_CAINFO, file) }
        if let directory = configuration.trust.directory { cfi_setopt_string(handle, CURLOPT_CAPATH, directory) }
        cfi_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)
        cfi_setopt_pointer(handle, CURLOPT_WRITEDATA, context.toOpaque())
        cfi_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION, curlBodyReceived)
        cfi_setopt_pointer(handle, CURLOPT_HEADERDATA, context.toOpaque())
        cfi_setopt_write_callback(handle, CURLOPT_HEADERFUNCTION, curlHeaderReceived)

        switch request.method {
        case "GET":
            cfi_setopt_long(handle, CURLOPT_HTTPGET, 1)
        case "HEAD":
            cfi_setopt_long(handle, CURLOPT_NOBODY, 1)
        default:
            cfi_setopt_long(handle, CURLOPT_POST, 1)
            cfi_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count))
            if request.body.isEmpty {
                cfi_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, "")
            } else {
                request.body.withUnsafeBufferPointer { bytes in
                    // COPYPOSTFIELDS copies, so the pointer need not outlive this call.
                    _ = cfi_setopt_pointer(
                        handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
                }
            }
            if request.method != "POST" { cfi_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.method) }
        }

        let code = curl_easy_perform(handle)
        guard code == CURLE_OK else {
            let detail = String(cString: errorBuffer)
            let text = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
            if bodyTooLarge {
                return .failure(
                    TransportError(
                        .responseTooLarge, "The response was larger than \(configuration.maxResponseBytes) bytes."))
            }
            return .failure(TransportError(Self.kind(of: code), text))
        }
        var status = 0
        cfi_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return .success(HTTPResponse(status: status, headers: Self.parseHeaders(headerLines), body: body))
    }

    /// Which retry family a libcurl failure belongs to (see https://curl.se/libcurl/c/libcurl-errors.html).
    static func kind(of code: CURLcode) -> TransportError.Kind {
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT: .connect
        case CURLE_OPERATION_TIMEDOUT: .timeout
        case CURLE_GOT_NOTHING, CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_PARTIAL_FILE, CURLE_HTTP2, CURLE_HTTP2_STREAM:
            .reset
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS:
            .tls
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL: .invalidRequest
        default: .other
        }
    }

    /// Header lines of the final response only: a new status line (after a 100 or a proxy CONNECT) starts over.
    static func parseHeaders(_ lines: [String]) -> [HTTPHeader] {
        var headers: [HTTPHeader] = []
        for line in lines {
            if line.hasPrefix("HTTP/") {
                headers.removeAll()
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingHTTPWhitespace()
            headers.append(HTTPHeader(name, value))
        }
        return headers
    }

    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard body.count + bytes.count <= configuration.maxResponseBytes else {
            bodyTooLarge = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }
}

private func curlBodyReceived(
    data: UnsafeMutablePointer<CChar>?, size: Int, count: Int, context: UnsafeMutableRawPointer?
) -> Int {
    guard let data, let context else { return 0 }
    let exchange = Unmanaged<CurlExchange>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    return exchange.receiveBody(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
}

private func curlHeaderReceived(
    data: UnsafeMutablePointer<CChar>?, size: Int, count: Int, context: UnsafeMutableRawPointer?
) -> Int {
    guard let data, let context else { return 0 }
    let exchange = Unmanaged<CurlExchange>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    let line = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
    exchange.headerLines.append(line.trimmingHTTPWhitespace())
    return length
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs, CRs and LFs (scalar-wise: "\r\n" is one Character).
    func trimmingHTTPWhitespace() -> String {
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
