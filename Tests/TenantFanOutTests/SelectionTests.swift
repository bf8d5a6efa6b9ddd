import CloudFront
import Synchronization
import TenantFanOut
import TestSupport
import Testing

/// The markers a listing was asked for.
final class Markers: Sendable {
    let list = Mutex<[String?]>([])
}

@Suite("Tenant selection")
struct SelectionTests {
    @Test(
        "Domain globs: * spans dots, ? is one character, ASCII case is ignored",
        arguments: [
            ("*.eu.example.com", "shop.eu.example.com", true), ("*.eu.example.com", "a.b.eu.example.com", true),
            ("*.eu.example.com", "eu.example.com", false), ("*.EU.example.com", "Shop.eu.EXAMPLE.com", true),
            ("shop?.example.com", "shop1.example.com", true), ("shop?.example.com", "shop.example.com", false),
            ("*", "anything", true), ("a*b*c", "axxbyyc", true), ("a*b*c", "axxbyy", false),
        ])
    func glob(pattern: String, domain: String, matches: Bool) {
        #expect(DomainGlob(pattern).matches(domain) == matches)
    }

    @Test("--shard parses I/N with 1 ≤ I ≤ N and refuses the rest")
    func shardParsing() {
        #expect(ShardSpec(parsing: "2/4") == ShardSpec(index: 2, count: 4))
        for bad in ["0/4", "5/4", "1/0", "a/b", "1", "1/2/3", "-1/2", "", "1/100000"] {
            #expect(ShardSpec(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test("Shards partition the tenants exactly: every tenant in one shard, shares near even", arguments: [1, 2, 3, 7])
    func shardPartition(count: Int) {
        let ids = (0..<3000).map { "dt_\($0)" }
        var seen: [String: Int] = [:]
        for index in 1...count {
            let shard = ShardSpec(index: index, count: count)!
            for id in ids where shard.contains(id) { seen[id, default: 0] += 1 }
        }
        #expect(seen.count == ids.count)
        #expect(seen.values.allSatisfy { $0 == 1 })
        for index in 1...count {
            let share = ids.filter { ShardSpec.shard(of: $0, count: count) == index }.count
            #expect(abs(share - ids.count / count) < ids.count / count / 5 + 10)
        }
    }

    /// A listing of `pages` pages of `perPage` tenants; every fifth is disabled, odd ones are in the EU.
    static func selector(
        pages: Int, perPage: Int, tags: @escaping @Sendable (String) -> [String: String] = { _ in [:] }
    )
        -> (TenantSelector, Markers)
    {
        let markers = Markers()
        let selector = TenantSelector(
            listPage: { association, marker in
                markers.list.withLock { $0.append(marker) }
                let page = marker.map { Int($0.dropFirst(1))! } ?? 0
                let items = (0..<perPage).map { offset in
                    let number = page * perPage + offset
                    return DistributionTenantSummary(
                        id: "dt_\(number)", distributionID: "E1", arn: "arn:t/\(number)",
                        domains: ["t\(number).\(number % 2 == 1 ? "eu" : "us").example.com"],
                        enabled: number % 5 != 4)
                }
                return DistributionTenantList(items: items, nextMarker: page + 1 < pages ? "p\(page + 1)" : nil)
            },
            listTags: { arn in tags(arn) })
        return (selector, markers)
    }

    @Test("Every page is read, following NextMarker; disabled tenants are skipped and counted")
    func pagesAndDisabled() async throws {
        let (selector, markers) = Self.selector(pages: 3, perPage: 10)
        let selection = try await selector.select(TenantCriteria(association: .distribution("E1")))
        #expect(markers.list.withLock { $0 } == [nil, "p1", "p2"])
        #expect(selection.listed == 30)
        #expect(selection.disabled == 6)
        #expect(selection.disabledIDs == ["dt_4", "dt_9", "dt_14", "dt_19", "dt_24", "dt_29"])
        #expect(selection.tenantIDs.count == 24)
        #expect(!selection.tenantIDs.contains("dt_4"))
    }

    @Test("Domain and tag filters narrow the selection; tags are only looked up for tenants still selected")
    func filters() async throws {
        let looked = Counter()
        let (selector, _) = Self.selector(pages: 2, perPage: 10) { arn in
            looked.increment()
            return Int(arn.split(separator: "/").last!)! % 3 == 0 ? ["tier": "gold", "x": "y"] : ["tier": "free"]
        }
        let selection = try await selector.select(
            TenantCriteria(
                association: .distribution("E1"), domains: [DomainGlob("*.eu.example.com")], tags: ["tier": "gold"]))
        #expect(selection.tenantIDs == ["dt_3", "dt_15"])
        // 10 EU tenants, of which dt_9 and dt_19 are disabled: 8 lookups.
        #expect(looked.value == 8)
    }

    @Test("A marker that repeats ends the listing instead of looping")
    func repeatingMarker() async throws {
        let selector = TenantSelector(
            listPage: { _, _ in
                DistributionTenantList(
                    items: [DistributionTenantSummary(id: "dt_1", distributionID: "E1")], nextMarker: "same")
            }, listTags: { _ in [:] })
        let selection = try await selector.select(TenantCriteria(association: .distribution("E1")))
        #expect(selection.pages == 2)
        #expect(!selection.truncated)
    }
}
