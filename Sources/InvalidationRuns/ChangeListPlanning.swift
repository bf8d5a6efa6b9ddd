import ChangeLists
import Configuration
import Planning

/// Plans a target's change list with the world's files and git.
struct ChangeListPlanning: Sendable {
    let world: any RunWorld

    /// The change plan for `settings`, folded to `maxPaths`; every failure is a configuration error (exit 64).
    func plan(_ settings: ChangeListSettings, maxPaths: Int?) throws(ConfigurationError) -> ChangePlan {
        let source: ChangeSource
        if let file = settings.fromS3Sync {
            source = .s3SyncFile(file)
        } else if let range = settings.fromGit {
            guard let site = settings.siteDirectory else {
                throw ConfigurationError(
                    location: "--from-git",
                    message: "--from-git needs --site-dir DIR (the built site in the repository).")
            }
            source = .git(range: range, siteDirectory: site)
        } else if let directory = settings.fromDirectory {
            guard let manifest = settings.manifest else {
                throw ConfigurationError(
                    location: "--from-dir",
                    message: "--from-dir needs --manifest FILE (where the previous run's content hashes are kept).")
            }
            source = .directory(directory, manifest: manifest)
        } else {
            throw ConfigurationError(location: "change list", message: "no change-list source was given.")
        }
        let mapping = URLMapping(
            originPath: settings.originPath ?? "", urlPrefix: settings.urlPrefix ?? "",
            indexDocument: settings.indexDocument ?? "index.html")
        do {
            return try ChangeListPlanner.plan(
                source: source, mapping: mapping, maxPaths: maxPaths, fileSystem: world.changeListFiles,
                git: world.git)
        } catch let error as ChangeListError {
            throw ConfigurationError(location: error.input, message: error.message)
        } catch {
            throw ConfigurationError(location: "change list", message: "\(error)")
        }
    }
}
