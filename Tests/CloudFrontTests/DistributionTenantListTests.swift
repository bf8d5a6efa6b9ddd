import CloudFront
import Foundation
import Testing
import Transport

/// ListDistributionTenants: the request against botocore's bytes, the reply against botocore's reading of it.
@Suite("ListDistributionTenants codec")
struct DistributionTenantListTests {
    static let standard = try! CloudFrontEndpoint(parsing: CloudFrontEndpoint.standard)

    /// What botocore's rest-xml parser read from a reply fixture (`make_tenant_fixtures.py` writes it).
    struct Expected: Decodable {
        struct Tenant: Decodable {
            var id: String
            var distribution_id: String
            var name: String
            var arn: String
            var domains: [String]
            var connection_group_id: String?
            var enabled: Bool?
            var status: String?
        }
        var next_marker: String?
        var tenants: [Tenant]
    }

    @Test("By distribution: botocore's request byte for byte (POST, no Content-Type, no declaration)")
    func byDistribution() throws {
        let expected = try Fixture.botocoreRequest("list-distribution-tenants")
        let request = CloudFrontAPI.listDistributionTenants(
            endpoint: Self.standard, association: .distribution("E1MULTITENANT"), marker: nil, maxItems: 100)
        #expect(request == expected)
    }

    @Test("By connection group, with a marker that needs escaping")
    func byGroup() throws {
        let expected = try Fixture.botocoreRequest("list-distribution-tenants-group")
        let request = CloudFrontAPI.listDistributionTenants(
            endpoint: Self.standard, association: .connectionGroup("cg_2wjDZMfEXAMPLE"), marker: "dt_2wjDZ&next",
            maxItems: 100)
        #expect(request == expected)
    }

    @Test(
        "Replies decode as botocore reads them",
        arguments: ["list-distribution-tenants-page1", "list-distribution-tenants-page2"])
    func replies(name: String) throws {
        let expected = try JSONDecoder().decode(
            Expected.self, from: Data(try Fixture.bytes("responses/\(name).expected.json")))
        let page = try CloudFrontAPI.decodeDistributionTenantList(try Fixture.response("\(name).xml"))
        #expect(page.nextMarker == expected.next_marker)
        #expect(page.items.count == expected.tenants.count)
        for (tenant, want) in zip(page.items, expected.tenants) {
            #expect(tenant.id == want.id)
            #expect(tenant.distributionID == want.distribution_id)
            #expect(tenant.name == want.name)
            #expect(tenant.arn == want.arn)
            #expect(tenant.domains == want.domains)
            #expect(tenant.connectionGroupID == want.connection_group_id)
            #expect(tenant.enabled == (want.enabled ?? true), "a tenant without <Enabled> counts as enabled")
            #expect(tenant.status == want.status)
        }
    }

    @Test("A summary without an Id, or an answer of another shape, is a decode error naming the document")
    func malformed() {
        let noID = HTTPResponse(
            status: 200,
            body: Array(
                "<ListDistributionTenantsResult><DistributionTenantList><DistributionTenantSummary><Name>x</Name></DistributionTenantSummary></DistributionTenantList></ListDistributionTenantsResult>"
                    .utf8))
        #expect(throws: CloudFrontAPI.DecodeError.self) { try CloudFrontAPI.decodeDistributionTenantList(noID) }
        let other = HTTPResponse(status: 200, body: Array("<DistributionList/>".utf8))
        #expect {
            try CloudFrontAPI.decodeDistributionTenantList(other)
        } throws: { error in
            "\(error)".contains("ListDistributionTenantsResult")
        }
    }

    /// A one-tenant page whose summary carries `field` as given (the others well-formed).
    static func page(
        id: String = "dt_1", distribution: String = "E1", arn: String = "arn:aws:cloudfront::1:x/dt_1",
        group: String = "cg_1", status: String = "Deployed"
    ) -> HTTPResponse {
        HTTPResponse(
            status: 200,
            body: Array(
                ("<ListDistributionTenantsResult><DistributionTenantList><DistributionTenantSummary>"
                    + "<Id>\(id)</Id><DistributionId>\(distribution)</DistributionId><Name>n</Name>"
                    + "<Arn>\(arn)</Arn><Domains/><ConnectionGroupId>\(group)</ConnectionGroupId>"
                    + "<Status>\(status)</Status></DistributionTenantSummary></DistributionTenantList>"
                    + "</ListDistributionTenantsResult>").utf8))
    }

    @Test(
        "Server text that is not an ID, ARN or status is refused, shown escaped (tenant IDs reach stdout and CI files)",
        arguments: [
            page(id: "dt_1&#10;::error::forged"), page(id: "dt_1 x"), page(id: String(repeating: "d", count: 65)),
            page(distribution: "E1_x"), page(arn: "arn:aws:x&#10;y"), page(arn: "not-an-arn"),
            page(group: "cg&#x202E;1"), page(status: "Deployed&#10;::warning::x"),
        ])
    func forged(_ reply: HTTPResponse) {
        #expect {
            try CloudFrontAPI.decodeDistributionTenantList(reply)
        } throws: { error in
            let text = "\(error)"
            return !text.contains("\n") && !text.unicodeScalars.contains("\u{202E}") && text.contains("which is not")
        }
    }

    @Test("Real tenant and connection group IDs pass: prefix, underscore, letters and digits")
    func realIDs() throws {
        let list = try CloudFrontAPI.decodeDistributionTenantList(
            Self.page(id: "dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB", group: "cg_2wjDZMfEXAMPLE"))
        #expect(list.items.map(\.id) == ["dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB"])
        #expect(list.items.first?.connectionGroupID == "cg_2wjDZMfEXAMPLE")
    }
}
