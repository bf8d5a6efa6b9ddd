/// What an invalidation applies to: a standard distribution, or a tenant of a multi-tenant distribution.
///
/// Tenants have their own operations (`…ForDistributionTenant`) under `/2020-05-31/distribution-tenant/{Id}`.
public enum InvalidationTarget: Sendable, Hashable, CustomStringConvertible {
    case distribution(String)
    case tenant(String)

    /// The distribution ID or the distribution-tenant ID.
    public var id: String {
        switch self {
        case .distribution(let id), .tenant(let id): id
        }
    }

    /// "distribution E1…" or "tenant dt_…": used in log lines and (stably) in derived caller references.
    public var description: String {
        switch self {
        case .distribution(let id): "distribution \(id)"
        case .tenant(let id): "tenant \(id)"
        }
    }

    /// The path segment of the resource collection: `distribution` or `distribution-tenant`.
    var resourceSegment: String {
        switch self {
        case .distribution: "distribution"
        case .tenant: "distribution-tenant"
        }
    }
}
