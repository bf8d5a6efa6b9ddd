internal import COpenSSL

/// HMAC-SHA256 (RFC 2104) through OpenSSL's one-shot `HMAC()`, which OpenSSL 3 keeps undeprecated.
public enum HMACSHA256 {
    /// Returns the 32-byte authentication code of `message` under `key` (any key length).
    public static func authenticationCode(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var code = [UInt8](repeating: 0, count: SHA256.byteCount)
        var length: UInt32 = 0
        // A NULL key means "reuse the previous key" to OpenSSL, so an empty key still gets a real pointer.
        let keyBytes = key.isEmpty ? [0] : key
        let result = keyBytes.withUnsafeBytes { keyBuffer in
            message.withUnsafeBytes { messageBuffer in
                code.withUnsafeMutableBufferPointer { output in
                    HMAC(
                        EVP_sha256(), keyBuffer.baseAddress, Int32(key.count),
                        messageBuffer.baseAddress?.assumingMemoryBound(to: UInt8.self), messageBuffer.count,
                        output.baseAddress, &length)
                }
            }
        }
        precondition(result != nil && length == UInt32(SHA256.byteCount), "OpenSSL HMAC(SHA-256) failed")
        return code
    }

    /// Convenience for the common case of a UTF-8 string message (SigV4 key derivation, string to sign).
    public static func authenticationCode(key: [UInt8], message: String) -> [UInt8] {
        authenticationCode(key: key, message: Array(message.utf8))
    }
}
