internal import CCurl
import TextTrimming

/// One request on a session's easy handle: every option set and checked, the answer's headers and body collected
/// under their caps, the outcome read back.
///
/// The exchange owns the buffers libcurl points at (error text, header list); it must outlive its transfer, and the
/// session resets the handle before the exchange goes away.
final class CurlExchange {
    let request: HTTPRequest
    let configuration: CurlTransport.Configuration
    var body: [UInt8] = []
    var headerLines: [String] = []
    var headerBytes = 0
    var bodyTooLarge = false
    var headersTooLarge = false
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var headerList: UnsafeMutablePointer<curl_slist>?

    init(request: HTTPRequest, configuration: CurlTransport.Configuration) {
        self.request = request
        self.configuration = configuration
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    /// Sets every option this request needs on `handle`; the first one libcurl refuses fails the request with its
    /// name (a libcurl built without HTTPS, or older than 7.85, lacks some).
    func configure(_ handle: UnsafeMutableRawPointer) throws(TransportError) {
        // "Expect:" stops libcurl from waiting for 100-continue on POST bodies.
        for line in request.headers.map({ "\($0.name): \($0.value)" }) + ["Expect:"] {
            headerList = curl_slist_append(headerList, line)
        }
        let context = Unmanaged.passUnretained(self).toOpaque()
        try check("CURLOPT_ERRORBUFFER", cfi_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer))
        try check("CURLOPT_URL", cfi_setopt_string(handle, CURLOPT_URL, request.url))
        try check("CURLOPT_PROTOCOLS_STR", cfi_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"))
        try check("CURLOPT_NOSIGNAL", cfi_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
        try check(
            "CURLOPT_CONNECTTIMEOUT",
            cfi_setopt_long(handle, CURLOPT_CONNECTTIMEOUT, configuration.connectTimeoutSeconds))
        try check(
            "CURLOPT_TIMEOUT_MS",
            cfi_setopt_long(handle, CURLOPT_TIMEOUT_MS, Self.timeoutMilliseconds(request, configuration)))
        try check("CURLOPT_LOW_SPEED_LIMIT", cfi_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, 1))
        try check("CURLOPT_LOW_SPEED_TIME", cfi_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, configuration.stallSeconds))
        try check("CURLOPT_USERAGENT", cfi_setopt_string(handle, CURLOPT_USERAGENT, configuration.userAgent))
        try check("CURLOPT_SSL_VERIFYPEER", cfi_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1))
        try check("CURLOPT_SSL_VERIFYHOST", cfi_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2))
        if let file = configuration.trust.bundleFile {
            try check("CURLOPT_CAINFO", cfi_setopt_string(handle, CURLOPT_CAINFO, file))
        }
        if let directory = configuration.trust.directory {
            try check("CURLOPT_CAPATH", cfi_setopt_string(handle, CURLOPT_CAPATH, directory))
        }
        try check("CURLOPT_HTTPHEADER", cfi_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList))
        try check("CURLOPT_WRITEDATA", cfi_setopt_pointer(handle, CURLOPT_WRITEDATA, context))
        try check("CURLOPT_WRITEFUNCTION", cfi_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION, curlBodyReceived))
        try check("CURLOPT_HEADERDATA", cfi_setopt_pointer(handle, CURLOPT_HEADERDATA, context))
        try check(
            "CURLOPT_HEADERFUNCTION", cfi_setopt_write_callback(handle, CURLOPT_HEADERFUNCTION, curlHeaderReceived))

        switch request.method {
        case "GET":
            try check("CURLOPT_HTTPGET", cfi_setopt_long(handle, CURLOPT_HTTPGET, 1))
        case "HEAD":
            try check("CURLOPT_NOBODY", cfi_setopt_long(handle, CURLOPT_NOBODY, 1))
        default:
            try check("CURLOPT_POST", cfi_setopt_long(handle, CURLOPT_POST, 1))
            try check(
                "CURLOPT_POSTFIELDSIZE_LARGE",
                cfi_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count)))
            // COPYPOSTFIELDS copies, so the pointer need not outlive this call.
            let copied =
                request.body.isEmpty
                ? cfi_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, "")
                : request.body.withUnsafeBufferPointer { bytes in
                    cfi_setopt_pointer(
                        handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
                }
            try check("CURLOPT_COPYPOSTFIELDS", copied)
            if request.method != "POST" {
                try check("CURLOPT_CUSTOMREQUEST", cfi_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.method))
            }
        }
    }

    /// Fails clearly when libcurl refuses an option: the tool cannot work safely without any of them.
    private func check(_ option: String, _ code: CURLcode) throws(TransportError) {
        guard code != CURLE_OK else { return }
        throw CurlFailure.unsupported(option: option, code: code)
    }

    /// The answer, or the failure, once libcurl is done with the transfer.
    func finish(_ handle: UnsafeMutableRawPointer, code: CURLcode) -> Result<HTTPResponse, TransportError> {
        guard code == CURLE_OK else {
            let detail = String(cString: errorBuffer)
            return .failure(
                CurlFailure.error(
                    CurlFailure.Facts(
                        code: code, detail: detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail,
                        url: request.url, caBundlePath: configuration.trust.bundleFile, bodyTooLarge: bodyTooLarge,
                        headersTooLarge: headersTooLarge, maxResponseBytes: configuration.maxResponseBytes,
                        maxHeaderBytes: configuration.maxHeaderBytes)))
        }
        var status = 0
        let read = cfi_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        guard read == CURLE_OK else {
            return .failure(TransportError(.other, "libcurl could not report the answer's status (\(read.rawValue))"))
        }
        return .success(HTTPResponse(status: status, headers: Self.parseHeaders(headerLines), body: body))
    }
    /// The transfer's time limit in milliseconds: the transport's, or the request's own when shorter (at least 1).
    static func timeoutMilliseconds(_ request: HTTPRequest, _ configuration: CurlTransport.Configuration) -> Int {
        var limit = Duration.seconds(configuration.totalTimeoutSeconds)
        if let timeout = request.timeout { limit = min(limit, timeout) }
        let (seconds, attoseconds) = limit.components
        // At most the configured seconds, so the product stays small.
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
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
            let value = line[line.index(after: colon)...].trimmingASCIIWhitespace()
            headers.append(HTTPHeader(name, value))
        }
        return headers
    }

    /// Keeps one header line; false (abort) once the headers pass their cap.
    func receiveHeader(_ bytes: UnsafeRawBufferPointer) -> Bool {
        headerBytes += bytes.count
        guard headerBytes <= configuration.maxHeaderBytes else {
            headersTooLarge = true
            return false
        }
        headerLines.append(String(decoding: bytes, as: UTF8.self).trimmingASCIIWhitespace())
        return true
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
    deliver(data, size: size, count: count, context: context) { $0.receiveBody($1) }
}

private func curlHeaderReceived(
    data: UnsafeMutablePointer<CChar>?, size: Int, count: Int, context: UnsafeMutableRawPointer?
) -> Int {
    deliver(data, size: size, count: count, context: context) { $0.receiveHeader($1) }
}

/// Hands libcurl's bytes to the exchange behind `context`; answering fewer bytes than given makes libcurl abort.
private func deliver(
    _ data: UnsafeMutablePointer<CChar>?, size: Int, count: Int, context: UnsafeMutableRawPointer?,
    to receive: (CurlExchange, UnsafeRawBufferPointer) -> Bool
) -> Int {
    guard let data, let context else { return 0 }
    let exchange = Unmanaged<CurlExchange>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    return receive(exchange, UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
}
