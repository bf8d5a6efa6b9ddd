import CloudFront
import Testing
import Transport

/// Issue 13 item 10: no plain HTTP to AWS; emulators keep working.
@Suite("Plain HTTP and AWS endpoints")
struct EndpointSecurityTests {
    @Test(
        "Plain http:// to an AWS host is refused, however it is spelled",
        arguments: [
            "http://cloudfront.amazonaws.com", "HTTP://CloudFront.AmazonAWS.com:80", "http://cloudfront.amazonaws.com.",
            "http://sts.cn-north-1.amazonaws.com.cn", "http://user@sts.amazonaws.com/x",
            "http://cloudfront.global.api.aws",
            "  http://amazonaws.com/  ",
        ])
    func refused(url: String) {
        guard case .refused = EndpointSecurity.verdict(for: url) else {
            Issue.record("\(url) was not refused")
            return
        }
    }

    @Test(
        "Loopback, HTTPS and other hosts are judged as such",
        arguments: [
            ("http://127.0.0.1:5000", EndpointSecurity.Verdict.loopback), ("http://localhost:4566", .loopback),
            ("http://[::1]:8080", .loopback), ("http://s3.localhost", .loopback),
            ("https://cloudfront.amazonaws.com", .encrypted),
            ("http://localstack:4566", .plaintext(host: "localstack")),
            ("http://amazonaws.com.evil.example", .plaintext(host: "amazonaws.com.evil.example")),
            ("http://notamazonaws.com", .plaintext(host: "notamazonaws.com")),
        ])
    func verdicts(url: String, expected: EndpointSecurity.Verdict) {
        #expect(EndpointSecurity.verdict(for: url) == expected)
    }

    @Test("CloudFrontEndpoint refuses plain HTTP to AWS and warns for other hosts")
    func cloudFrontEndpoint() throws {
        let error = #expect(throws: CloudFrontEndpoint.InvalidURL.self) {
            try CloudFrontEndpoint(parsing: "http://cloudfront.amazonaws.com")
        }
        #expect(error?.reason.contains("unencrypted") == true)
        #expect(try CloudFrontEndpoint(parsing: "http://127.0.0.1:5000").plaintextWarning == nil)
        #expect(try CloudFrontEndpoint(parsing: "https://cloudfront.amazonaws.com").plaintextWarning == nil)
        #expect(
            try CloudFrontEndpoint(parsing: "http://localstack:4566").plaintextWarning?.contains("unencrypted") == true)
    }
}
