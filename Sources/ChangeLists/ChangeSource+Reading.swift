extension ChangeSource {
    /// Reads the source into raw changed keys (and the full listing when the source knows it); nothing is mapped,
    /// encoded or folded here: that is the planner's job.
    public func read(fileSystem: some ChangeListFileSystem, git: some GitRunner) throws -> ChangeSet {
        switch self {
        case .s3SyncFile(let path):
            let name = path == "-" ? "standard input" : path
            let parsed = try S3SyncParser.parse(bytes: try fileSystem.readFile(path), name: name)
            return ChangeSet(keys: parsed.packedKeys, listing: nil, notices: parsed.notices)
        case .s3SyncOutput(let text, let name):
            let parsed = try S3SyncParser.parse(text, name: name)
            return ChangeSet(keys: parsed.packedKeys, listing: nil, notices: parsed.notices)
        case .git(let range, let siteDirectory):
            return try GitChangeSource.gather(range: range, siteDirectory: siteDirectory, git: git)
        case .directory(let directory, let manifest):
            return try DirectoryChangeSource.gather(
                directory: directory, manifestPath: manifest, fileSystem: fileSystem)
        case .keys(let keys, let listing, _):
            return ChangeSet(keys: ByteStrings(keys), listing: listing.map { ByteStrings($0) })
        }
    }
}
