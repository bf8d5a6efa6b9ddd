extension PipelineFileDecoder {
    /// Keys of a target's `tenants:` mapping.
    static let tenantKeys = ["of", "in_group", "domain", "tags"]

    /// `tenants: {of: DIST, domain: "*.eu.example.com", tags: {tier: gold}}` (or `in_group: ID` instead of `of`).
    mutating func tenantSelection(_ node: YAMLNode, _ path: String) -> TenantSelectionSettings? {
        guard case .mapping(let entries) = node.kind else {
            problem(
                node.mark,
                "\(path) must be a mapping such as '{of: E1234567890ABC, domain: \"*.eu.example.com\"}', not "
                    + "\(node.shapeName).")
            return nil
        }
        var selection = TenantSelectionSettings()
        for entry in entries {
            let key = "\(path).\(entry.key)"
            switch entry.key {
            case "of": selection.distributionID = identifier(entry.value, key)
            case "in_group": selection.connectionGroupID = identifier(entry.value, key)
            case "domain":
                if case .sequence = entry.value.kind {
                    selection.domains = stringList(entry.value, key) ?? []
                } else if let domain = string(entry.value, key) {
                    selection.domains = [domain]
                }
            case "tags":
                guard case .mapping(let tags) = entry.value.kind else {
                    problem(entry.value.mark, "\(key) must be a mapping of tag keys to values ('{tier: gold}').")
                    continue
                }
                for tag in tags {
                    if let value = string(tag.value, "\(key).\(tag.key)", allowEmpty: true) {
                        selection.tags[tag.key] = value
                    }
                }
            default:
                if let suggestion = KeySuggestion.nearest(to: entry.key, in: Self.tenantKeys) {
                    problem(entry.keyMark, "unknown key '\(entry.key)' in \(path); did you mean '\(suggestion)'?")
                } else {
                    problem(
                        entry.keyMark,
                        "unknown key '\(entry.key)' in \(path); the keys allowed here are "
                            + "\(Self.tenantKeys.joined(separator: ", ")).")
                }
            }
        }
        let hasOf = entries.contains { $0.key == "of" }
        let hasGroup = entries.contains { $0.key == "in_group" }
        if hasOf == hasGroup {
            problem(
                node.mark,
                "\(path) needs exactly one of 'of' (a multi-tenant distribution ID) or 'in_group' (a connection "
                    + "group ID).")
        }
        return selection
    }
}
