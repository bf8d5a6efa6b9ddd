import Hashing

/// `--from-dir DIR --manifest FILE`: the files of DIR whose SHA-256 differs from the previous run's manifest.
///
/// Added, modified and deleted files all count as changed. Without a manifest (the first run, or after a deleted
/// one) every file counts as changed. The new manifest is only returned here; it is written by
/// ``ManifestUpdate/commit(using:)`` after the invalidation succeeded, so a failed deploy is retried in full.
enum DirectoryChangeSource {
    /// Hashes `directory` and compares it with `manifestPath`.
    static func gather(directory: String, manifestPath: String, fileSystem: some ChangeListFileSystem) throws
        -> ChangeSet
    {
        var files = try fileSystem.listFiles(under: directory)
        let manifestInside = relativePath(of: manifestPath, inside: directory)
        files.removeAll { $0 == manifestInside || $0.hasPrefix((manifestInside ?? "") + ".tmp-") }
        var notices: [String] = []
        var previous: ContentManifest?
        if fileSystem.fileExists(manifestPath) {
            previous = try ContentManifest.decode(fileSystem.readFile(manifestPath), name: manifestPath)
        } else {
            notices.append(
                "No manifest at '\(manifestPath)' yet (first run): every file under '\(directory)' counts as changed; "
                    + "the manifest is written after the invalidation succeeds.")
        }
        var current = ContentManifest()
        var changed: [String] = []
        for file in files {
            var hasher = SHA256Hasher()
            try fileSystem.forEachChunk(of: directory + "/" + file) { hasher.update($0) }
            let hash = hasher.finalize().hexString
            current.hashes[file] = hash
            if previous?.hashes[file] != hash { changed.append(file) }
        }
        if let previous {
            let deleted = previous.hashes.keys.filter { current.hashes[$0] == nil }
            changed += deleted.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        }
        return ChangeSet(
            keys: ByteStrings(changed), listing: ByteStrings(files), notices: notices,
            manifestUpdate: ManifestUpdate(path: manifestPath, manifest: current))
    }

    /// `path` relative to `directory` when it lies inside it (both as given, `./` and `//` ignored).
    static func relativePath(of path: String, inside directory: String) -> String? {
        let pathParts = components(path)
        let directoryParts = components(directory)
        guard pathParts.count > directoryParts.count, Array(pathParts.prefix(directoryParts.count)) == directoryParts
        else { return nil }
        return pathParts.dropFirst(directoryParts.count).joined(separator: "/")
    }

    /// Path components without empty and `.` parts; a leading `/` is kept as a component.
    static func components(_ path: String) -> [String] {
        let parts = path.split(separator: "/").map(String.init).filter { $0 != "." }
        return path.hasPrefix("/") ? ["/"] + parts : parts
    }
}
