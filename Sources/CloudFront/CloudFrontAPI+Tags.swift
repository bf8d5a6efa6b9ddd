import Transport

extension CloudFrontAPI {
    /// ListTagsForResource (`GET /2020-05-31/tagging?Resource=ARN`).
    public static func listTagsForResource(endpoint: CloudFrontEndpoint, arn: String) -> HTTPRequest {
        HTTPRequest(method: "GET", url: endpoint.baseURL + "/\(version)/tagging?Resource=" + percentEncoded(arn))
    }

    /// Reads a `<Tags><Items><Tag><Key/><Value/></Tag>…</Items></Tags>` document; a tag without a value maps to "".
    public static func decodeTags(_ response: HTTPResponse) throws(DecodeError) -> [String: String] {
        let root = try document(response, expected: "Tags")
        var tags: [String: String] = [:]
        for tag in root.child("Items")?.children(named: "Tag") ?? [] {
            guard let key = text(tag, "Key") else {
                throw DecodeError(status: response.status, expected: "Tags", reason: "a <Tag> has no <Key>")
            }
            tags[key] = text(tag, "Value") ?? ""
        }
        return tags
    }
}

extension CloudFrontClient {
    /// ListTagsForResource for one distribution ARN.
    public func listTags(arn: String) async throws(CloudFrontClientError) -> [String: String] {
        try await call(
            "ListTagsForResource", CloudFrontAPI.listTagsForResource(endpoint: endpoint, arn: arn),
            decode: CloudFrontAPI.decodeTags)
    }

    /// Every distribution of the account, following NextMarker; bounded by `maxPages` pages of 100.
    public func allDistributions(maxPages: Int = 100) async throws(CloudFrontClientError) -> [DistributionSummary] {
        var items: [DistributionSummary] = []
        var marker: String? = nil
        for _ in 0..<maxPages {
            let page = try await listDistributions(maxItems: 100, marker: marker)
            items += page.items
            guard page.isTruncated, let next = page.nextMarker else { break }
            marker = next
        }
        return items
    }
}
