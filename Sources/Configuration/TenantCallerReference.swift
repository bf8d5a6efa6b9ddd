import Hashing

extension CallerReference {
    /// The reference of one tenant's batch in a tenant fan-out: `cfi-t-<job>-<hash of tenant, paths, batch>`.
    ///
    /// Unlike a single target's reference, the job part leaves out the re-run attempt: a fan-out killed half way
    /// (job time limit, runner lost) and re-run in the same CI job ("Re-run jobs", GitLab "Retry") sends the same
    /// references, so CloudFront answers the tenants already done with their existing invalidations and nothing
    /// is created twice. A new pipeline run gets new references and invalidates again.
    public static func forTenant(
        explicit: String?, tenantID: String, paths: [String], batchIndex: Int, batchCount: Int,
        environment: [String: String], nonce: () -> String
    ) -> String {
        if let explicit, !explicit.isEmpty {
            return make(
                explicit: explicit, target: tenantID, paths: paths, batchIndex: batchIndex, batchCount: batchCount,
                environment: environment, nonce: nonce)
        }
        let material = (["tenant \(tenantID)", "batch \(batchIndex + 1)/\(batchCount)"] + paths).joined(separator: "\n")
        let digest = SHA256.hash(Array(material.utf8)).hexString.prefix(16)
        let job = resumeToken(in: environment) ?? "local-\(nonce())"
        return String("cfi-t-\(job)-\(digest)".prefix(maximumLength))
    }

    /// A token naming this CI job that stays the same when the job is re-run; nil outside CI.
    static func resumeToken(in environment: [String: String]) -> String? {
        func join(_ prefix: String, _ names: [String]) -> String? {
            let values = names.map { environment[$0] ?? "" }
            guard let first = values.first, !first.isEmpty else { return nil }
            let safe = values.filter { !$0.isEmpty }.map { value in
                String(
                    value.unicodeScalars.map {
                        $0.properties.isAlphabetic || ("0"..."9").contains($0) ? Character($0) : "_"
                    }.prefix(40))
            }
            return ([prefix] + safe).joined(separator: "-")
        }
        guard let provider = CIProvider.detect(in: environment) else { return nil }
        return switch provider {
        case .githubActions: join("gh", ["GITHUB_RUN_ID", "GITHUB_JOB"])
        case .gitlab: join("gl", ["CI_PIPELINE_ID", "CI_JOB_NAME"])
        case .buildkite: join("bk", ["BUILDKITE_BUILD_ID", "BUILDKITE_STEP_KEY"])
        case .circleci: join("circle", ["CIRCLE_WORKFLOW_ID", "CIRCLE_JOB"])
        case .azurePipelines: join("az", ["BUILD_BUILDID", "SYSTEM_JOBNAME"])
        case .bitbucket, .jenkins: provider.runToken(in: environment)
        }
    }
}
