/// The CI system a run is in, detected from the variables each one sets.
public enum CIProvider: String, Sendable, Equatable, CaseIterable {
    case githubActions = "github"
    case gitlab
    case buildkite
    case bitbucket
    case circleci
    case jenkins
    case azurePipelines = "azure"

    /// The first provider whose marker variable is set, in a fixed order; nil outside CI.
    public static func detect(in environment: [String: String]) -> CIProvider? {
        let markers: [(CIProvider, String)] = [
            (.githubActions, "GITHUB_ACTIONS"), (.gitlab, "GITLAB_CI"), (.buildkite, "BUILDKITE"),
            (.bitbucket, "BITBUCKET_BUILD_NUMBER"), (.circleci, "CIRCLECI"), (.jenkins, "JENKINS_URL"),
            (.azurePipelines, "TF_BUILD"),
        ]
        return markers.first { environment[$0.1].map { !$0.isEmpty && $0.lowercased() != "false" } ?? false }?.0
    }

    /// A token naming this CI run (and re-run attempt), stable across retries inside the run; nil when the
    /// provider's variables are missing.
    public func runToken(in environment: [String: String]) -> String? {
        func join(_ prefix: String, _ names: [String]) -> String? {
            let values = names.map { environment[$0] ?? "" }
            guard let first = values.first, !first.isEmpty else { return nil }
            return ([prefix] + values.filter { !$0.isEmpty }).joined(separator: "-")
        }
        return switch self {
        case .githubActions: join("gh", ["GITHUB_RUN_ID", "GITHUB_RUN_ATTEMPT"])
        case .gitlab: join("gl", ["CI_JOB_ID"])
        case .buildkite: join("bk", ["BUILDKITE_JOB_ID", "BUILDKITE_RETRY_COUNT"])
        case .bitbucket: join("bb", ["BITBUCKET_BUILD_NUMBER", "BITBUCKET_STEP_UUID"])
        case .circleci: join("circle", ["CIRCLE_WORKFLOW_JOB_ID"]) ?? join("circle", ["CIRCLE_BUILD_NUM"])
        case .jenkins: join("jenkins", ["BUILD_TAG"])
        case .azurePipelines: join("az", ["BUILD_BUILDID", "SYSTEM_JOBATTEMPT"])
        }
    }
}
