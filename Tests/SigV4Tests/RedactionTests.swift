import Testing

@testable import SigV4

/// Issue 13 items 4 and 5: one redaction for every output, on bytes, with signing material scrubbed.
@Suite("Redaction")
struct RedactionTests {
    static let token = "IQoJb3JpZ2luX2VjEXAMPLE/token+value=="

    @Test(
        "A secret followed by a combining mark, joiner or variation selector is still masked",
        arguments: ["\u{0301}", "\u{200D}", "\u{FE0F}", "\u{20DD}"])
    func maskOnBytes(mark: String) {
        let text = "echo: \(Self.token)\(mark) end"
        let redacted = Redaction.redact(text, secrets: [Self.token])
        #expect(redacted == "echo: ***\(mark) end")
    }

    @Test("A secret preceded by a combining mark's base is masked too")
    func maskAfterMark() {
        #expect(Redaction.redact("e\u{0301}\(Self.token)", secrets: [Self.token]) == "e\u{0301}***")
    }

    @Test("The longest secret is replaced first, so one containing another goes whole")
    func longestFirst() {
        #expect(Redaction.redact("abcdefghij", secrets: ["cdefgh", "abcdefghij"]) == "***")
    }

    static let scrubbed: [(String, String)] = [
        (
            "Authorization: AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/cloudfront/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=0123abcd\nnext line",
            "Authorization: ***\nnext line"
        ),
        ("authorization:AWS4-HMAC-SHA256 x", "authorization:***"),
        ("x-amz-security-token:\(token)\n\nhost;x-amz-date", "x-amz-security-token:***\n\nhost;x-amz-date"),
        (
            "?X-Amz-Security-Token=abc%2Bdef&X-Amz-Signature=0123abcd&x=1",
            "?X-Amz-Security-Token=***&X-Amz-Signature=***&x=1"
        ),
        (
            "Credential=AKID/x, SignedHeaders=host, Signature=deadbeef",
            "Credential=AKID/x, SignedHeaders=host, Signature=***"
        ),
        (#"{"Authorization": "AWS4-HMAC-SHA256 abc", "x": 1}"#, #"{"Authorization": "***", "x": 1}"#),
        (
            #"{"SessionToken": "abc/def", "SecretAccessKey":"xyz"}"#,
            #"{"SessionToken": "***", "SecretAccessKey":"***"}"#
        ),
        (
            "<SessionToken>abc</SessionToken><SecretAccessKey>k</SecretAccessKey>",
            "<SessionToken>***</SessionToken><SecretAccessKey>***</SecretAccessKey>"
        ),
        ("aws_secret_access_key = abc\naws_session_token=def", "aws_secret_access_key = ***\naws_session_token=***"),
        ("WebIdentityToken=eyJ.abc.def&RoleArn=x", "WebIdentityToken=***&RoleArn=x"),
    ]

    @Test("Signing material is scrubbed wherever a server puts it", arguments: scrubbed)
    func scrub(text: String, expected: String) {
        #expect(Redaction.redact(text, secrets: []) == expected)
    }

    @Test(
        "Mere mentions are left alone",
        arguments: [
            "SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided.",
            "Check the Authorization header.", "signature", "Authorization:", "Signature= ", "SignedHeaders=host",
        ])
    func mentions(text: String) {
        #expect(Redaction.redact(text, secrets: []) == text)
    }
}
