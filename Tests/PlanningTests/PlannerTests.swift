import Testing

@testable import ChangeLists
@testable import Planning

/// The planner end to end on in-memory sources.
@Suite("Planner")
struct PlannerTests {
    @Test("an empty change list is nothing to invalidate")
    func empty() throws {
        let plan = try ChangeListPlanner.plan(source: .s3SyncOutput("", name: "sync.log"), maxPaths: 10, git: FakeGit())
        #expect(plan.isEmpty)
        #expect(plan.paths.isEmpty)
        #expect(plan.billablePaths == 0)
        #expect(plan.summaryLines == ["Nothing to invalidate: the change list is empty (no changed objects)."])
    }

    @Test("s3 sync output through origin path, index document, encoding and folding")
    func s3Sync() throws {
        let text = try Fixture.text("s3-sync-basic.txt")
        let plan = try ChangeListPlanner.plan(
            source: .s3SyncOutput(text, name: "sync.log"), mapping: URLMapping(urlPrefix: "/site"), maxPaths: 100,
            git: FakeGit())
        #expect(plan.urlPaths.contains("/site/docs/"))
        #expect(plan.urlPaths.contains("/site/"))
        #expect(plan.paths == plan.urlPaths)
        #expect(plan.evictedUnchanged == nil)
        #expect(plan.billablePaths == 9)
        #expect(plan.costIfFreePathsUnused == 0)
        #expect(abs(plan.costIfFreePathsUsed - 0.045) < 1e-9)
        #expect(plan.summaryLines.contains { $0.contains("$0.045 if they were") && $0.contains("2026-11-21") })
    }

    @Test("keys outside the origin path are skipped with a notice")
    func outsideOrigin() throws {
        let plan = try ChangeListPlanner.plan(
            source: .keys(["prod/a.html", "staging/b.html"], listing: nil, name: "keys"),
            mapping: URLMapping(originPath: "prod"), git: FakeGit())
        #expect(plan.urlPaths == ["/a.html"])
        #expect(plan.notices.contains { $0.contains("outside the origin path 'prod/'") })
    }

    @Test("keys with '*' are covered by a wildcard on the prefix, counted against the limits")
    func forcedWildcard() throws {
        let plan = try ChangeListPlanner.plan(
            source: .keys(
                ["img/a*b.png", "img/a1.png", "x.html"], listing: ["img/a*b.png", "img/a1.png", "x.html", "img/c.png"],
                name: "keys"),
            maxPaths: 5, git: FakeGit())
        #expect(plan.paths == ["/img/a*", "/x.html"])
        #expect(plan.evictedUnchanged == 0)
    }

    @Test("falling back to /* is said plainly, with the known evictions")
    func fallback() throws {
        let keys = ["a/x.html", "b/x.html", "c/y.html"]
        let listing = keys + ["keep.html"]
        let plan = try ChangeListPlanner.plan(
            source: .keys(keys, listing: listing, name: "keys"), maxPaths: 1, git: FakeGit())
        #expect(plan.paths == ["/*"])
        #expect(plan.fellBackToRoot)
        #expect(plan.evictedUnchanged == 1)
        #expect(plan.fallbackMessage?.contains("Falling back to '/*'") == true)
    }

    @Test("--max-paths below 1 is an error")
    func badMaxPaths() {
        #expect(throws: ChangeListError.self) {
            try ChangeListPlanner.plan(source: .keys(["a"], listing: nil, name: "k"), maxPaths: 0, git: FakeGit())
        }
    }

    @Test(
        "dollar formatting",
        arguments: [(0.0, "$0.00"), (0.005, "$0.005"), (0.045, "$0.045"), (5.0, "$5.00"), (12.34, "$12.34")])
    func dollars(amount: Double, text: String) {
        #expect(InvalidationPricing.dollars(amount) == text)
    }
}

/// Folding paths given directly on the command line.
@Suite("Folding given paths")
struct GivenPathsTests {
    @Test("given paths fold like a change list, wildcards included")
    func given() throws {
        let paths = (1...20).map { "/docs/p\($0).html" } + ["/img/*", "/img/a.png", "/index.html"]
        let outcome = try #require(ChangeListPlanner.fold(urlPaths: paths, maxPaths: 4))
        #expect(outcome.paths.count <= 4)
        for path in paths { #expect(outcome.paths.contains { FoldReference.covers($0, path) }, "\(path)") }
        #expect(ChangeListPlanner.fold(urlPaths: paths, maxPaths: 0) == nil)
    }
}
