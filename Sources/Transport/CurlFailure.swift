internal import CCurl
import TextTrimming

/// Turns a failed libcurl transfer into a `TransportError` whose kind decides retrying and whose message names the
/// problem and its fix: certificate and CA-bundle failures name `AWS_CA_BUNDLE`/`SSL_CERT_FILE`, oversized answers
/// name the cap, and neither says "try again later" (retrying cannot help them).
enum CurlFailure {
    /// What the transfer saw besides libcurl's code.
    struct Facts {
        var code: CURLcode
        /// libcurl's error buffer (or `curl_easy_strerror` when empty).
        var detail: String
        var url: String
        var caBundlePath: String?
        var bodyTooLarge = false
        var headersTooLarge = false
        var maxResponseBytes: Int
        var maxHeaderBytes: Int
    }

    /// The task was cancelled (SIGINT/SIGTERM) and the transfer was abandoned where it stood.
    static let cancelled = TransportError(.cancelled, "the request was cancelled")

    /// libcurl refused an option the tool needs: name it, so an old or reduced libcurl is recognised at once.
    static func unsupported(option: String, code: CURLcode) -> TransportError {
        let version = String(cString: curl_version())
        return TransportError(
            .other,
            "libcurl refused the option \(option) (\(String(cString: curl_easy_strerror(code)))); this libcurl "
                + "(\(version)) lacks something the tool needs: libcurl 7.85 or newer with HTTPS support")
    }

    /// A multi-handle call failed: nothing a retry fixes.
    static func multi(_ function: String, _ code: CURLMcode) -> TransportError {
        TransportError(.other, "libcurl's \(function) failed: \(String(cString: curl_multi_strerror(code)))")
    }

    static func error(_ facts: Facts) -> TransportError {
        let detail = facts.detail.trimmingASCIIWhitespace().trimmingSuffix(".")
        if facts.bodyTooLarge {
            return TransportError(
                .responseTooLarge,
                "the answer's body was larger than \(byteText(facts.maxResponseBytes)), far more than any answer of "
                    + "the API; check the endpoint URL and any proxy in between")
        }
        if facts.headersTooLarge {
            return TransportError(
                .responseTooLarge,
                "the answer's headers were larger than \(byteText(facts.maxHeaderBytes)), far more than any answer "
                    + "of the API; check the endpoint URL and any proxy in between")
        }
        if isGiantHeader(facts) {
            return TransportError(
                .responseTooLarge,
                "the answer had a header line longer than libcurl accepts (100 KiB; libcurl says \"\(detail)\"), "
                    + "which no answer of the API has; check the endpoint URL and any proxy in between")
        }
        let kind = Self.kind(of: facts.code)
        switch facts.code {
        case CURLE_SSL_CACERT_BADFILE:
            let bundle = facts.caBundlePath.map { "the CA bundle \($0)" }
            return TransportError(
                .tls,
                "\(bundle ?? "the system's CA bundle") could not be read (\(detail)); set AWS_CA_BUNDLE or "
                    + "SSL_CERT_FILE to a readable PEM file of trusted certificates")
        case _ where kind == .tls:
            let trust = facts.caBundlePath.map { "the CA bundle \($0)" } ?? "the system's CA bundle"
            return TransportError(
                .tls,
                "TLS with \(host(of: facts.url)) failed: \(detail). If the server's certificate is not trusted by "
                    + "\(trust) (a proxy or a private CA), set AWS_CA_BUNDLE or SSL_CERT_FILE to a PEM bundle that "
                    + "holds its CA")
        default:
            return TransportError(kind, detail)
        }
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
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE:
            .tls
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL: .invalidRequest
        default: .other
        }
    }

    /// libcurl refuses a single header line over its own limit (100 KiB) before our callback sees it, and reports
    /// it as out of memory (the reason, "Avoided giant realloc for header", is only in its verbose log); in a
    /// transfer whose body is capped at a few MiB that is the realistic cause, not a lack of memory.
    static func isGiantHeader(_ facts: Facts) -> Bool {
        facts.code == CURLE_OUT_OF_MEMORY
    }

    /// "4 MiB", "64 KiB" or "100 bytes".
    static func byteText(_ bytes: Int) -> String {
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }

    /// The host of `scheme://host[:port]/…`, for messages.
    static func host(of url: String) -> String {
        var rest = Substring(url)
        if let scheme = rest.firstRange(of: "://") { rest = rest[scheme.upperBound...] }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        // Never repeat user information (user:password@) into a message.
        return String(authority.split(separator: "@", omittingEmptySubsequences: false).last ?? authority)
    }
}

extension String {
    /// The text without one trailing `suffix`, so a message can be set inside a sentence of its own.
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
