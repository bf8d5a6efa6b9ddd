internal import COpenSSL

/// Incremental SHA-256 for input that arrives in chunks (large files), with value semantics.
///
/// Copies are independent: the OpenSSL context is duplicated on the first write to a shared copy,
/// so `finalize()` can be called for an intermediate digest and hashing can go on afterwards.
public struct SHA256Hasher: Sendable {
    private var context: Context

    /// Starts an empty hash.
    public init() {
        context = Context()
    }

    /// Feeds the next chunk of input.
    public mutating func update(_ bytes: [UInt8]) {
        if !isKnownUniquelyReferenced(&context) { context = context.copy() }
        context.update(bytes)
    }

    /// Feeds the next chunk of input from any byte sequence.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        update(Array(bytes))
    }

    /// Returns the digest of everything fed so far; the hasher itself stays usable.
    public func finalize() -> [UInt8] {
        context.copy().finish()
    }
}

extension SHA256Hasher {
    /// Owns one `EVP_MD_CTX`; only mutated while uniquely referenced, hence `@unchecked Sendable`.
    fileprivate final class Context: @unchecked Sendable {
        private let pointer: OpaquePointer

        init() {
            guard let pointer = EVP_MD_CTX_new() else { fatalError("OpenSSL EVP_MD_CTX_new failed (out of memory)") }
            self.pointer = pointer
            precondition(
                EVP_DigestInit_ex(pointer, EVP_sha256(), nil) == 1, "OpenSSL EVP_DigestInit_ex(SHA-256) failed")
        }

        private init(copying other: Context) {
            guard let pointer = EVP_MD_CTX_new() else { fatalError("OpenSSL EVP_MD_CTX_new failed (out of memory)") }
            self.pointer = pointer
            precondition(EVP_MD_CTX_copy_ex(pointer, other.pointer) == 1, "OpenSSL EVP_MD_CTX_copy_ex failed")
        }

        deinit { EVP_MD_CTX_free(pointer) }

        func copy() -> Context { Context(copying: self) }

        func update(_ bytes: [UInt8]) {
            guard !bytes.isEmpty else { return }
            let ok = bytes.withUnsafeBytes { EVP_DigestUpdate(pointer, $0.baseAddress, $0.count) }
            precondition(ok == 1, "OpenSSL EVP_DigestUpdate failed")
        }

        /// Ends this context (it must not be updated afterwards) and returns the digest.
        func finish() -> [UInt8] {
            var digest = [UInt8](repeating: 0, count: SHA256.byteCount)
            var length: UInt32 = 0
            let ok = digest.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(pointer, $0.baseAddress, &length) }
            precondition(ok == 1 && length == UInt32(SHA256.byteCount), "OpenSSL EVP_DigestFinal_ex failed")
            return digest
        }
    }
}
