import CloudFront

/// Lists the tenants of a distribution or connection group, all pages, and keeps those the criteria select.
///
/// Only tenant IDs are kept past each page, so memory grows by a few dozen bytes a tenant however many are listed.
public struct TenantSelector: Sendable {
    /// One page of ListDistributionTenants.
    public var listPage:
        @Sendable (TenantAssociation, _ marker: String?) async throws(CloudFrontClientError) -> DistributionTenantList
    /// ListTagsForResource for one tenant ARN (only called when the criteria name tags).
    public var listTags: @Sendable (_ arn: String) async throws(CloudFrontClientError) -> [String: String]
    /// Tag lookups in flight at once.
    public var concurrency: Int
    /// Pages read at most: 100,000 tenants at 100 a page. Bounds the loop against a marker that never ends.
    public var maxPages: Int

    public init(
        listPage:
            @escaping @Sendable (TenantAssociation, String?) async throws(CloudFrontClientError) ->
            DistributionTenantList,
        listTags: @escaping @Sendable (String) async throws(CloudFrontClientError) -> [String: String],
        concurrency: Int = 16, maxPages: Int = 1000
    ) {
        self.listPage = listPage
        self.listTags = listTags
        self.concurrency = max(1, concurrency)
        self.maxPages = maxPages
    }

    /// What the listing found.
    public struct Selection: Sendable, Equatable {
        /// The selected, enabled tenants' IDs, in listing order.
        public var tenantIDs: [String] = []
        /// Tenants of the association, before any filter.
        public var listed = 0
        /// Selected but disabled: skipped. The first few IDs, for the notice, and the count.
        public var disabledIDs: [String] = []
        public var disabled = 0
        /// Tenants left out by `--shard` (they belong to other jobs of the matrix).
        public var otherShards = 0
        /// Pages read.
        public var pages = 0
        /// True when the listing stopped at `maxPages` with more to read.
        public var truncated = false
    }

    /// How many disabled tenant IDs the selection keeps for the notice.
    public static let shownDisabled = 10

    public func select(_ criteria: TenantCriteria) async throws(CloudFrontClientError) -> Selection {
        var selection = Selection()
        var candidates: [(id: String, arn: String)] = []
        var marker: String? = nil
        while selection.pages < maxPages {
            let page = try await listPage(criteria.association, marker)
            selection.pages += 1
            for tenant in page.items {
                selection.listed += 1
                if let shard = criteria.shard, !shard.contains(tenant.id) {
                    selection.otherShards += 1
                    continue
                }
                guard criteria.passesListedFilters(tenant) else { continue }
                guard tenant.enabled else {
                    selection.disabled += 1
                    if selection.disabledIDs.count < Self.shownDisabled { selection.disabledIDs.append(tenant.id) }
                    continue
                }
                candidates.append((tenant.id, criteria.tags.isEmpty ? "" : tenant.arn))
            }
            guard let next = page.nextMarker, !next.isEmpty, next != marker else {
                marker = nil
                break
            }
            marker = next
        }
        selection.truncated = marker != nil
        selection.tenantIDs =
            criteria.tags.isEmpty ? candidates.map(\.id) : try await withTags(criteria.tags, candidates)
        return selection
    }

    /// The candidates carrying every tag, in order; tag lookups run `concurrency` at a time.
    private func withTags(_ wanted: [String: String], _ candidates: [(id: String, arn: String)])
        async throws(CloudFrontClientError) -> [String]
    {
        var keep = [Bool](repeating: false, count: candidates.count)
        let listTags = self.listTags
        let outcome: CloudFrontClientError? = await withTaskGroup(
            of: (Int, Result<[String: String], CloudFrontClientError>).self
        ) { group in
            var next = 0
            func add() {
                guard next < candidates.count else { return }
                let index = next
                let arn = candidates[index].arn
                next += 1
                group.addTask {
                    do throws(CloudFrontClientError) {
                        return (index, .success(try await listTags(arn)))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            for _ in 0..<concurrency { add() }
            while let (index, result) = await group.next() {
                switch result {
                case .success(let tags):
                    keep[index] = wanted.allSatisfy { tags[$0.key] == $0.value }
                    add()
                case .failure(let error):
                    group.cancelAll()
                    return error
                }
            }
            return nil
        }
        if let outcome { throw outcome }
        return candidates.indices.filter { keep[$0] }.map { candidates[$0].id }
    }
}
