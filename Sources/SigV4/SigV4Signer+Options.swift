extension SigV4Signer {
    /// Switches for the few places where services (and the official test suite) differ.
    public struct Options: Sendable, Equatable {
        /// Remove `.`, `..` and empty path segments before encoding; every service but S3 wants this.
        public var normalizePath: Bool
        /// URI-encode each path segment again (so `%` becomes `%25`); every service but S3 wants this.
        public var doubleEncodePath: Bool
        /// Add `X-Amz-Security-Token` before signing (signed); when false it is added after, unsigned,
        /// which a few services (and the suite's `omit_session_token` cases) expect.
        public var signSessionToken: Bool
        /// Add and sign `x-amz-content-sha256` with the payload hash (S3 requires it; others accept it).
        public var addContentSHA256Header: Bool

        public init(
            normalizePath: Bool = true, doubleEncodePath: Bool = true, signSessionToken: Bool = true,
            addContentSHA256Header: Bool = false
        ) {
            self.normalizePath = normalizePath
            self.doubleEncodePath = doubleEncodePath
            self.signSessionToken = signSessionToken
            self.addContentSHA256Header = addContentSHA256Header
        }
    }
}
