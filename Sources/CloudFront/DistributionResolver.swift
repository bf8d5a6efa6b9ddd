/// Turns what people write after `-d` (an ID, an alias, a `*.cloudfront.net` name, an origin domain) and
/// `--distribution-tag KEY=VALUE` filters into distribution IDs.
///
/// ListDistributions is called once per run, and only when a name is not already an ID or tags are given;
/// ListTagsForResource only for the candidates, and only with tags.
public struct DistributionResolver: Sendable {
    /// One resolved target.
    public struct Resolution: Sendable, Equatable {
        /// What the user wrote (or `tag K=V` for tag-only selections).
        public var input: String
        public var distributionID: String
        /// How it matched, for the log ("www.example.com → E1… (alternate domain name)"); nil for a plain ID.
        public var rule: DistributionMatcher.Rule?
        /// The matched origin's OriginPath, for mapping object keys to URL paths.
        public var originPath: String?
    }

    /// Why a name could not be resolved to exactly one distribution (exit 64).
    public struct ResolutionError: Error, Sendable, Equatable, CustomStringConvertible {
        public var input: String
        public var candidates: [DistributionSummary]

        public var description: String {
            if candidates.isEmpty {
                return "No distribution matches '\(input)' (tried alternate domain names, *.cloudfront.net names, "
                    + "wildcard aliases and origin domains). Pass the distribution ID instead (-d E…); "
                    + "`aws cloudfront list-distributions` or the console lists them."
            }
            let listed = candidates.prefix(10).map { candidate in
                let aliases = candidate.aliases.isEmpty ? "" : " (" + candidate.aliases.joined(separator: ", ") + ")"
                return "\(candidate.id) \(candidate.domainName)\(aliases)"
            }.joined(separator: "; ")
            return
                "'\(input)' matches \(candidates.count) distributions: \(listed). Pass the one you mean by ID (-d E…)"
                + " or narrow it with --distribution-tag KEY=VALUE."
        }
    }

    let listDistributions: @Sendable () async throws(CloudFrontClientError) -> [DistributionSummary]
    let listTags: @Sendable (String) async throws(CloudFrontClientError) -> [String: String]

    public init(
        listDistributions: @escaping @Sendable () async throws(CloudFrontClientError) -> [DistributionSummary],
        listTags: @escaping @Sendable (String) async throws(CloudFrontClientError) -> [String: String]
    ) {
        self.listDistributions = listDistributions
        self.listTags = listTags
    }

    /// A resolver that calls `client`.
    public init(client: CloudFrontClient) {
        self.init(
            listDistributions: { () async throws(CloudFrontClientError) in try await client.allDistributions() },
            listTags: { arn async throws(CloudFrontClientError) in try await client.listTags(arn: arn) })
    }

    /// Resolves every name; with `tags` and no names, every distribution carrying all the tags is selected.
    ///
    /// Throws `ResolutionError` for the first name that does not resolve to exactly one distribution, and
    /// `CloudFrontClientError` when a list call fails.
    public func resolve(_ names: [String], tags: [String: String]) async throws -> [Resolution] {
        let needsListing = !tags.isEmpty || names.contains { !DistributionMatcher.isDistributionID($0) }
        guard needsListing else { return names.map { Resolution(input: $0, distributionID: $0) } }
        var all = try await listDistributions()
        if !tags.isEmpty { all = try await filter(all, byTags: tags) }
        if names.isEmpty {
            let label = "tag " + tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            guard !all.isEmpty else { throw ResolutionError(input: label, candidates: []) }
            return all.map { Resolution(input: label, distributionID: $0.id) }
        }
        return try names.map { name in
            if DistributionMatcher.isDistributionID(name) {
                if tags.isEmpty || all.contains(where: { $0.id == name }) {
                    return Resolution(input: name, distributionID: name)
                }
                throw ResolutionError(input: name + " with the given tags", candidates: [])
            }
            let matches = DistributionMatcher.matches(name, in: all)
            guard matches.count == 1, let match = matches.first else {
                throw ResolutionError(input: name, candidates: matches.map(\.distribution))
            }
            return Resolution(
                input: name, distributionID: match.distribution.id, rule: match.rule, originPath: match.originPath)
        }
    }

    /// The distributions carrying every tag (key and value, exactly).
    private func filter(_ distributions: [DistributionSummary], byTags wanted: [String: String]) async throws
        -> [DistributionSummary]
    {
        var kept: [DistributionSummary] = []
        for distribution in distributions where !distribution.arn.isEmpty {
            let tags = try await listTags(distribution.arn)
            if wanted.allSatisfy({ tags[$0.key] == $0.value }) { kept.append(distribution) }
        }
        return kept
    }
}
