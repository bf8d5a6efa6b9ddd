/// The raw result of reading a source: changed object keys, the full listing when known, and notes.
public struct ChangeSet: Sendable {
    /// Changed keys relative to the site root (or bucket), packed, in the order the source gave them.
    public var keys: ByteStrings
    /// Every key present after the change, when the source knows it.
    public var listing: ByteStrings?
    /// Whole-sentence notes for the log.
    public var notices: [String] = []
    /// The manifest to write after success (`--from-dir`).
    public var manifestUpdate: ManifestUpdate?

    public init(
        keys: ByteStrings, listing: ByteStrings?, notices: [String] = [], manifestUpdate: ManifestUpdate? = nil
    ) {
        self.keys = keys
        self.listing = listing
        self.notices = notices
        self.manifestUpdate = manifestUpdate
    }
}
