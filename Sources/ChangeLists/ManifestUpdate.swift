/// The manifest to write once the invalidation was created: held back so a failed deploy is retried in full.
///
/// The planner never writes the manifest. The CLI calls ``commit(using:)`` only after every invalidation was
/// created; if anything fails before that, the old manifest stays and the next run sees the same changes again.
public struct ManifestUpdate: Sendable, Equatable {
    /// Where the manifest lives (`--manifest`).
    public let path: String
    /// The new manifest: the hashes of the site as planned.
    public let manifest: ContentManifest

    public init(path: String, manifest: ContentManifest) {
        self.path = path
        self.manifest = manifest
    }

    /// Writes the new manifest atomically (temporary file, then rename).
    public func commit(using fileSystem: some ChangeListFileSystem) throws {
        try fileSystem.writeAtomically(manifest.encoded(), to: path)
    }
}
