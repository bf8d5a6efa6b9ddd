import Hashing
import Testing

/// Known-answer tests: FIPS 180-4 examples for SHA-256, RFC 4231 for HMAC-SHA256.
@Suite struct HashingTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func sha256(message: String, digest: String) {
        #expect(SHA256.hash(Array(message.utf8)).hexString == digest)
        #expect(Hex.encode(SHA256.hash(message.utf8)) == digest)
    }

    @Test func incrementalHasherMatchesOneMillionA() {
        var hasher = SHA256Hasher()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000)
        for _ in 0..<1_000 { hasher.update(chunk) }
        #expect(hasher.finalize().hexString == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func hasherCopiesAreIndependentAndFinalizeIsRepeatable() {
        var first = SHA256Hasher()
        first.update(Array("ab".utf8))
        var second = first
        first.update(Array("c".utf8))
        second.update("d".utf8)
        #expect(first.finalize() == SHA256.hash(Array("abc".utf8)))
        #expect(first.finalize() == SHA256.hash(Array("abc".utf8)))
        #expect(second.finalize() == SHA256.hash(Array("abd".utf8)))
        #expect(SHA256Hasher().finalize() == SHA256.hash([]))
    }

    /// RFC 4231 §4.2–4.8 (case 5, a truncated output, does not apply).
    @Test(arguments: [
        (
            String(repeating: "0b", count: 20), Hex.encode("Hi There".utf8),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        ),
        (
            Hex.encode("Jefe".utf8), Hex.encode("what do ya want for nothing?".utf8),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        ),
        (
            String(repeating: "aa", count: 20), String(repeating: "dd", count: 50),
            "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"
        ),
        (
            "0102030405060708090a0b0c0d0e0f10111213141516171819", String(repeating: "cd", count: 50),
            "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"
        ),
        (
            String(repeating: "aa", count: 131),
            Hex.encode("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        ),
        (
            String(repeating: "aa", count: 131),
            Hex.encode(
                ("This is a test using a larger than block-size key and a larger than block-size data. "
                    + "The key needs to be hashed before being used by the HMAC algorithm.").utf8),
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"
        ),
    ])
    func hmacSHA256(keyHex: String, messageHex: String, code: String) throws {
        let key = try #require(Hex.decode(keyHex))
        let message = try #require(Hex.decode(messageHex))
        #expect(HMACSHA256.authenticationCode(key: key, message: message).hexString == code)
    }

    @Test func hmacWithEmptyKeyAndMessage() {
        #expect(
            HMACSHA256.authenticationCode(key: [], message: []).hexString
                == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }

    @Test func hexRoundTripsAndRejectsBadInput() {
        let bytes: [UInt8] = [0x00, 0x0f, 0xa5, 0xff]
        #expect(bytes.hexString == "000fa5ff")
        #expect(Hex.decode("000FA5ff") == bytes)
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
    }
}
