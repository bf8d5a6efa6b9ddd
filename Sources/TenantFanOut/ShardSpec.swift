import Hashing

/// `--shard I/N`: this job's share of the selected tenants, for CI matrices.
///
/// A tenant belongs to shard `1 + (first 8 bytes of SHA-256(tenant ID) mod N)`. A hash of the ID, not its position
/// in a sorted list, because every job of the matrix lists the tenants on its own, seconds apart: a tenant added
/// or removed in between would shift every later position (some tenants in two shards, some in none), while a hash
/// keeps every other tenant where it was. Every tenant is in exactly one shard.
public struct ShardSpec: Sendable, Equatable, CustomStringConvertible {
    /// 1-based, as matrices usually count (`--shard 1/4` … `--shard 4/4`).
    public let index: Int
    public let count: Int

    /// Matrices beyond this many jobs are not sharding, they are a mistake.
    public static let maximumCount = 10_000

    public init?(index: Int, count: Int) {
        guard count >= 1, count <= Self.maximumCount, index >= 1, index <= count else { return nil }
        self.index = index
        self.count = count
    }

    /// Parses `I/N`; nil when it is not two whole numbers with 1 ≤ I ≤ N ≤ 10,000.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0].filter { $0 != " " }),
            let count = Int(parts[1].filter { $0 != " " })
        else { return nil }
        self.init(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// The shard (1-based) a tenant belongs to.
    public static func shard(of tenantID: String, count: Int) -> Int {
        let digest = SHA256.hash(Array(tenantID.utf8))
        let value = digest.prefix(8).reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
        return Int(value % UInt64(max(count, 1))) + 1
    }

    public func contains(_ tenantID: String) -> Bool { Self.shard(of: tenantID, count: count) == index }
}
