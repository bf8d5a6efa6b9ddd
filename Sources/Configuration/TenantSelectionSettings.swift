/// Which tenants a target invalidates (`--tenants-of`/`--tenants-in-group`, or `tenants:` in the pipeline file):
/// the tenants associated with a multi-tenant distribution or a connection group, narrowed by domain globs and tags.
public struct TenantSelectionSettings: Sendable, Equatable {
    /// `--tenants-of DIST` / `tenants: {of: DIST}`.
    public var distributionID: String?
    /// `--tenants-in-group ID` / `tenants: {in_group: ID}`.
    public var connectionGroupID: String?
    /// `--tenant-domain GLOB` / `tenants: {domain: GLOB}` (a string or a list).
    public var domains: [String]
    /// `--tenant-tag KEY=VALUE` / `tenants: {tags: {KEY: VALUE}}`.
    public var tags: [String: String]

    public init(
        distributionID: String? = nil, connectionGroupID: String? = nil, domains: [String] = [],
        tags: [String: String] = [:]
    ) {
        self.distributionID = distributionID
        self.connectionGroupID = connectionGroupID
        self.domains = domains
        self.tags = tags
    }

    /// The ID the selection is named by in messages and de-duplication.
    public var id: String { distributionID ?? connectionGroupID ?? "" }
}
