import Transport
import XML

extension CloudFrontAPI {
    /// ListDistributionTenants (`POST /2020-05-31/distribution-tenants`, body `ListDistributionTenantsRequest`):
    /// `AssociationFilter` (`DistributionId` or `ConnectionGroupId`), `Marker`, `MaxItems`, in the model's order.
    /// Byte for byte what botocore sends: no XML declaration and no Content-Type for this operation.
    public static func listDistributionTenants(
        endpoint: CloudFrontEndpoint, association: TenantAssociation, marker: String?, maxItems: Int?
    ) -> HTTPRequest {
        var writer = XMLWriter(declaration: false)
        writer.element("ListDistributionTenantsRequest", attributes: [("xmlns", namespace)]) { request in
            request.element("AssociationFilter") { filter in
                switch association {
                case .distribution(let id): filter.element("DistributionId", id)
                case .connectionGroup(let id): filter.element("ConnectionGroupId", id)
                }
            }
            if let marker { request.element("Marker", marker) }
            if let maxItems { request.element("MaxItems", String(maxItems)) }
        }
        return HTTPRequest(
            method: "POST", url: endpoint.baseURL + "/\(version)/distribution-tenants", body: writer.bytes)
    }

    /// Reads the `ListDistributionTenantsResult` document: `NextMarker` and `DistributionTenantList` of
    /// `DistributionTenantSummary` (`Id`, `DistributionId`, `Name`, `Arn`, `Domains/DomainResult/Domain` required;
    /// `ConnectionGroupId`, `Enabled`, `Status` optional). IDs, the ARN and the status are checked against
    /// ``ReplyFormat``: tenant IDs reach stdout (`--json`), the log and CI outputs, and the ARN is sent back.
    public static func decodeDistributionTenantList(_ response: HTTPResponse) throws(DecodeError)
        -> DistributionTenantList
    {
        let expected = "ListDistributionTenantsResult"
        let root = try document(response, expected: expected)
        let fail = { (reason: String) in DecodeError(status: response.status, expected: expected, reason: reason) }
        var items: [DistributionTenantSummary] = []
        let summaries = root.child("DistributionTenantList")?.children(named: "DistributionTenantSummary") ?? []
        items.reserveCapacity(summaries.count)
        for (index, summary) in summaries.enumerated() {
            guard let id = text(summary, "Id"), let distributionID = text(summary, "DistributionId") else {
                throw fail("DistributionTenantSummary \(index + 1) has no <Id> or <DistributionId>")
            }
            let position = "DistributionTenantSummary \(index + 1)"
            guard ReplyFormat.isTenantID(id) else {
                throw fail(
                    "\(position) has the <Id> \(ReplyFormat.shown(id)), which is not a tenant ID (ASCII letters, "
                        + "digits, '_' or '-', at most \(ReplyFormat.maximumIDLength))")
            }
            guard ReplyFormat.isID(distributionID) else {
                throw fail(
                    "\(position) has the <DistributionId> \(ReplyFormat.shown(distributionID)), which is not a "
                        + "distribution ID (ASCII letters and digits, at most \(ReplyFormat.maximumIDLength))")
            }
            let arn = text(summary, "Arn") ?? ""
            guard arn.isEmpty || ReplyFormat.isARN(arn) else {
                throw fail("\(position) has the <Arn> \(ReplyFormat.shown(arn)), which is not an ARN")
            }
            let group = text(summary, "ConnectionGroupId")
            if let group, !ReplyFormat.isTenantID(group) {
                throw fail(
                    "\(position) has the <ConnectionGroupId> \(ReplyFormat.shown(group)), which is not a "
                        + "connection group ID")
            }
            let status = text(summary, "Status")
            if let status, !ReplyFormat.isStatus(status) {
                throw fail("\(position) has the <Status> \(ReplyFormat.shown(status)), which is not a status")
            }
            let domains = (summary.child("Domains")?.children(named: "DomainResult") ?? []).compactMap {
                text($0, "Domain")
            }
            items.append(
                DistributionTenantSummary(
                    id: id, distributionID: distributionID, name: text(summary, "Name") ?? "",
                    arn: arn, domains: domains, connectionGroupID: group,
                    enabled: try boolean(summary, "Enabled", default: true, fail: fail), status: status))
        }
        return DistributionTenantList(items: items, nextMarker: text(root, "NextMarker"))
    }
}

extension CloudFrontClient {
    /// ListDistributionTenants, one page.
    public func listDistributionTenants(
        _ association: TenantAssociation, marker: String? = nil, maxItems: Int? = 100
    ) async throws(CloudFrontClientError) -> DistributionTenantList {
        try await call(
            "ListDistributionTenants",
            CloudFrontAPI.listDistributionTenants(
                endpoint: endpoint, association: association, marker: marker, maxItems: maxItems),
            decode: CloudFrontAPI.decodeDistributionTenantList)
    }
}
