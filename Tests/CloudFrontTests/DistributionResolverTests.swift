import CloudFront
import Foundation
import Resilience
import TestSupport
import Testing
import Transport

@Suite("Distribution names")
struct DistributionMatcherTests {
    static let site = DistributionSummary(
        id: "E1SITEEXAMPLE", arn: "arn:aws:cloudfront::1:distribution/E1SITEEXAMPLE",
        domainName: "d111111abcdef8.cloudfront.net", aliases: ["www.example.com", "example.com"],
        origins: [.init(id: "bucket", domainName: "site.s3.us-east-1.amazonaws.com", originPath: "/prod")])
    static let wildcard = DistributionSummary(
        id: "E2WILDEXAMPLE", arn: "arn:aws:cloudfront::1:distribution/E2WILDEXAMPLE",
        domainName: "d222222abcdef8.cloudfront.net", aliases: ["*.example.com"],
        origins: [.init(id: "shared", domainName: "shared.example.net")])
    static let deeperWildcard = DistributionSummary(
        id: "E3DOCSEXAMPLE", domainName: "d333333abcdef8.cloudfront.net", aliases: ["*.docs.example.com"],
        origins: [.init(id: "shared", domainName: "shared.example.net")])
    static let all = [site, wildcard, deeperWildcard]

    @Test(
        "Each rule, in CloudFront's order of precedence",
        arguments: [
            ("www.example.com", "E1SITEEXAMPLE", "alternate domain name"),
            ("WWW.Example.COM.", "E1SITEEXAMPLE", "alternate domain name"),
            ("https://www.example.com/", "E1SITEEXAMPLE", "alternate domain name"),
            ("example.com", "E1SITEEXAMPLE", "alternate domain name"),
            ("d222222abcdef8.cloudfront.net", "E2WILDEXAMPLE", "CloudFront domain name"),
            ("blog.example.com", "E2WILDEXAMPLE", "wildcard alias *.example.com"),
            ("a.b.example.com", "E2WILDEXAMPLE", "wildcard alias *.example.com"),
            ("api.docs.example.com", "E3DOCSEXAMPLE", "wildcard alias *.docs.example.com"),
            ("site.s3.us-east-1.amazonaws.com", "E1SITEEXAMPLE", "origin bucket"),
        ])
    func rules(name: String, id: String, rule: String) throws {
        let matches = DistributionMatcher.matches(name, in: Self.all)
        let match = try #require(
            matches.count == 1 ? matches.first : nil, "\(name) → \(matches.map(\.distribution.id))")
        #expect(match.distribution.id == id)
        #expect(match.rule.description == rule)
    }

    @Test("An origin match carries the origin path")
    func originPath() {
        let match = DistributionMatcher.matches("site.s3.us-east-1.amazonaws.com", in: Self.all).first
        #expect(match?.originPath == "/prod")
    }

    @Test("A wildcard alias does not match its bare domain, and unknown names match nothing")
    func noMatch() {
        #expect(DistributionMatcher.matches("docs.example.com", in: [Self.deeperWildcard]).isEmpty)
        #expect(DistributionMatcher.matches("www.example.org", in: Self.all).isEmpty)
    }

    @Test("A shared origin is ambiguous")
    func ambiguous() {
        #expect(DistributionMatcher.matches("shared.example.net", in: Self.all).count == 2)
    }

    @Test(arguments: [
        ("E2QWRUHEXAMPLE", true), ("RSKGAQGOTYKJT", true), ("www.example.com", false),
        ("d111111abcdef8.cloudfront.net", false), ("", false), ("E1/../x", false),
    ])
    func distributionIDs(text: String, isID: Bool) {
        #expect(DistributionMatcher.isDistributionID(text) == isID)
    }
}

@Suite("Distribution resolver")
struct DistributionResolverTests {
    func fixture(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures/responses/\(name)")
        return Array(try Data(contentsOf: url))
    }

    func client(_ transport: FakeTransport) throws -> CloudFrontClient {
        CloudFrontClient(
            endpoint: try CloudFrontEndpoint(parsing: "http://127.0.0.1:9"), transport: transport,
            credentials: StaticCredentials(.init(accessKeyID: "AKID", secretAccessKey: "secret")),
            retrier: Retrier(sleeper: RecordingSleeper()), now: { 0 })
    }

    @Test("IDs are used as they are, without listing distributions")
    func idsNeedNoCall() async throws {
        let transport = FakeTransport([])
        let resolved = try await DistributionResolver(client: client(transport)).resolve(["E2QWRUHEXAMPLE"], tags: [:])
        #expect(resolved.map(\.distributionID) == ["E2QWRUHEXAMPLE"])
        #expect(transport.sent.isEmpty)
    }

    @Test("A name on the second page is found by following NextMarker, with one listing for every name")
    func paginated() async throws {
        let transport = FakeTransport([
            .respond(HTTPResponse(status: 200, body: try fixture("list-distributions-page1.xml"))),
            .respond(HTTPResponse(status: 200, body: try fixture("list-distributions-page2.xml"))),
        ])
        let resolved = try await DistributionResolver(client: client(transport)).resolve(
            ["d222222abcdef8.cloudfront.net", "www.example.com"], tags: [:])
        #expect(resolved.map(\.distributionID) == ["E2DISABLEDEXAMPLE", "EDFDVBD6EXAMPLE"])
        #expect(transport.sent.count == 2)
        #expect(transport.sent.last?.url.contains("Marker=EDFDVBD6EXAMPLE") == true)
    }

    @Test("No match names the input and the fix")
    func unknown() async throws {
        let resolver = DistributionResolver(
            listDistributions: { DistributionMatcherTests.all }, listTags: { _ in [:] })
        let error = await #expect(throws: DistributionResolver.ResolutionError.self) {
            try await resolver.resolve(["www.example.org"], tags: [:])
        }
        #expect(error?.description.contains("No distribution matches 'www.example.org'") == true)
    }

    @Test("Ambiguity lists the candidates; a tag narrows it to one")
    func tags() async throws {
        let resolver = DistributionResolver(
            listDistributions: { DistributionMatcherTests.all },
            listTags: { arn in arn.hasSuffix("E2WILDEXAMPLE") ? ["env": "prod"] : ["env": "staging"] })
        let error = await #expect(throws: DistributionResolver.ResolutionError.self) {
            try await resolver.resolve(["shared.example.net"], tags: [:])
        }
        #expect(error?.candidates.map(\.id) == ["E2WILDEXAMPLE", "E3DOCSEXAMPLE"])
        // E3 has no ARN, so it is never a tag match.
        let narrowed = try await resolver.resolve(["shared.example.net"], tags: ["env": "prod"])
        #expect(narrowed.map(\.distributionID) == ["E2WILDEXAMPLE"])
        let tagOnly = try await resolver.resolve([], tags: ["env": "staging"])
        #expect(tagOnly.map(\.distributionID) == ["E1SITEEXAMPLE"])
    }
}
