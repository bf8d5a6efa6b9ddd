import ArgumentParser
import Configuration
import InvalidationRuns
import TenantFanOut

/// Selecting the tenants of a multi-tenant distribution and pacing the run (contract: "Distribution tenants at
/// scale").
struct TenantOptions: ParsableArguments {
    @Option(
        name: .customLong("tenants-of"),
        help: ArgumentHelp("Invalidate every tenant of this multi-tenant distribution.", valueName: "dist"))
    var tenantsOf: String?

    @Option(
        name: .customLong("tenants-in-group"),
        help: ArgumentHelp("Invalidate every tenant in this connection group.", valueName: "id"))
    var tenantsInGroup: String?

    @Option(
        name: .customLong("tenant-domain"),
        help: ArgumentHelp(
            "Only tenants with a domain matching this glob ('*.eu.example.com'; repeatable: any matches).",
            valueName: "glob"))
    var domains: [String] = []

    @Option(
        name: .customLong("tenant-tag"),
        help: ArgumentHelp("Only tenants carrying this tag (repeatable: all must match).", valueName: "key=value"))
    var tags: [String] = []

    @Option(
        name: .customLong("max-request-rate"),
        help: ArgumentHelp(
            "Cap the run's CloudFront requests per second (the run also adapts to throttling by itself).",
            valueName: "n"))
    var maxRequestRate: String?

    @Option(
        name: .customLong("shard"),
        help: ArgumentHelp("This job's share of the selected tenants, for CI matrices (1/4 … 4/4).", valueName: "i/n"))
    var shard: String?

    /// Refuses malformed values and narrowing flags without a selection: exit 64, nothing sent.
    func validate() throws {
        if tenantsOf != nil && tenantsInGroup != nil {
            throw ValidationError("--tenants-of and --tenants-in-group select tenants in two ways; give one of them.")
        }
        let narrowing = !domains.isEmpty || !tags.isEmpty
        if narrowing && tenantsOf == nil && tenantsInGroup == nil {
            throw ValidationError(
                "--tenant-domain and --tenant-tag narrow a selection; add --tenants-of DIST or --tenants-in-group ID.")
        }
        _ = try parsedTags()
        _ = try parsedRate()
        _ = try parsedShard()
    }

    /// The selection given on the command line, nil without `--tenants-of`/`--tenants-in-group`.
    var selection: TenantSelectionSettings? {
        guard tenantsOf != nil || tenantsInGroup != nil else { return nil }
        return TenantSelectionSettings(
            distributionID: tenantsOf, connectionGroupID: tenantsInGroup, domains: domains,
            tags: (try? parsedTags()) ?? [:])
    }

    /// `--max-request-rate` and `--shard` for the run; both already checked by `validate()` (exit 64).
    var pacing: TenantPacing {
        TenantPacing(maxRequestRate: (try? parsedRate()) ?? nil, shard: (try? parsedShard()) ?? nil)
    }

    func parsedTags() throws -> [String: String] {
        var parsed: [String: String] = [:]
        for raw in tags {
            guard let equals = raw.firstIndex(of: "="), equals != raw.startIndex else {
                throw ValidationError("--tenant-tag '\(raw)' is not KEY=VALUE (for example tier=gold).")
            }
            parsed[String(raw[..<equals])] = String(raw[raw.index(after: equals)...])
        }
        return parsed
    }

    func parsedRate() throws -> Double? {
        guard let maxRequestRate else { return nil }
        guard let rate = Double(maxRequestRate), rate.isFinite, rate >= 0.5, rate <= 10_000 else {
            throw ValidationError(
                "--max-request-rate '\(maxRequestRate)' is not a number of requests per second between 0.5 and "
                    + "10000 (for example 20).")
        }
        return rate
    }

    func parsedShard() throws -> ShardSpec? {
        guard let shard else { return nil }
        guard let spec = ShardSpec(parsing: shard) else {
            throw ValidationError(
                "--shard '\(shard)' is not I/N with 1 ≤ I ≤ N (for example --shard 2/4 in the second of four "
                    + "matrix jobs).")
        }
        return spec
    }
}
