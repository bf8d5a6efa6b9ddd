/// The raw result of reading a source: changed object keys, the full listing when known, and notes.
struct ChangeSet: Sendable {
    /// Changed keys relative to the site root (or bucket), packed, in the order the source gave them.
    var keys: ByteStrings
    /// Every key present after the change, when the source knows it.
    var listing: ByteStrings?
    /// Whole-sentence notes for the log.
    var notices: [String] = []
    /// The manifest to write after success (`--from-dir`).
    var manifestUpdate: ManifestUpdate?
}
