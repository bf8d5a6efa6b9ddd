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
            throw Self.configurationError(error)
        } catch {
            throw ConfigurationError(location: "change list", message: "\(error)")
        }
    }

    /// A change-list problem in the command line's words: the flag it is about, and its fix naming flags.
    static func configurationError(_ error: ChangeListError) -> ConfigurationError {
        let location =
            switch error.input {
            case .file(let name): name
            case .gitRange: "--from-git"
            case .maxPaths: "--max-paths"
            }
        let fix: String? =
            switch error.fix {
            case .giveCommitRange?:
                "Give two commits as 'A..B', for example --from-git \"${{ github.event.before }}..${{ github.sha }}\" "
                    + "or --from-git \"$CI_COMMIT_BEFORE_SHA..$CI_COMMIT_SHA\"."
            case .checkRangeAndHistory?:
                "Check the commit range and --site-dir; in a shallow CI checkout fetch enough history (for example "
                    + "actions/checkout with fetch-depth: 0)."
            case .nameSiteFolder?:
                "Give the folder your build writes the site to (for example --from-dir public)."
            case .passSyncOutput?:
                "Pass the command's standard output unchanged, for example "
                    + "'aws s3 sync public/ s3://bucket/ --no-progress | tee sync.log', then --from-s3-sync sync.log."
            case nil: nil
            }
        return ConfigurationError(location: location, message: fix.map { error.message + " " + $0 } ?? error.message)
    }
}
