import Testing

@testable import Paths

/// Whole lists: every error collected, duplicates and covered paths dropped with notices, counts.
@Suite("PathSet")
struct PathSetTests {
    @Test("every error is collected, in input order, and valid paths are still listed")
    func allErrors() {
        let set = PathSet(["/ok", "/a*b", "", "#x*", "/fine/*"])
        #expect(set.errors.map(\.input) == ["/a*b", "", "#x*"])
        #expect(set.paths == ["/ok", "/fine/*"])
    }

    @Test("exact duplicates are dropped, the first occurrence kept, each reported")
    func duplicates() {
        let set = PathSet(["/a", "/b", "/a", "a", " /b "])
        #expect(set.paths == ["/a", "/b"])
        #expect(set.notices.filter { $0.hasPrefix("Dropped '/a': it is already in the list.") }.count == 2)
        #expect(set.notices.contains("Dropped '/b': it is already in the list."))
        #expect(set.errors.isEmpty)
    }

    @Test("duplicates are found after encoding: '/a b' and '/a%20b' are the same path")
    func duplicatesAfterEncoding() {
        #expect(PathSet(["/a b", "/a%20b"]).paths == ["/a%20b"])
        #expect(PathSet(["/a b", "/a%20b"], encode: false).paths == ["/a b", "/a%20b"])
    }

    @Test("tags are compared ignoring case, as CloudFront does; paths are case-sensitive")
    func caseRules() {
        #expect(PathSet(["#Product", "#product", "#other"]).paths == ["#Product", "#other"])
        #expect(PathSet(["/Index.html", "/index.html"]).paths == ["/Index.html", "/index.html"])
    }

    @Test(
        "paths covered by a wildcard of the same set are dropped",
        arguments: [
            (["/a/b.html", "/a/*", "/a/x/y", "/b"], ["/a/*", "/b"]),
            (["/dir/", "/dir/*"], ["/dir/", "/dir/*"]),
            (["/dir/*", "/dir"], ["/dir/*", "/dir"]),
            (["/*", "#tag", "/index.html", "/assets/*"], ["/*", "#tag"]),
            (["/*", "/"], ["/*", "/"]),
            (["/a/b/*", "/a/*"], ["/a/*"]),
            (["/img*", "/img/logo.png", "/imgs/*", "/images/a.png"], ["/img*", "/images/a.png"]),
            (["/a.jpg*", "/a.jpg?x=1", "/a.jpg"], ["/a.jpg*", "/a.jpg"]),
            (["/A/*", "/a/b"], ["/A/*", "/a/b"]),
            (["/x/*", "/y/*", "/x/1", "/y/2", "/z/3"], ["/x/*", "/y/*", "/z/3"]),
            (["/caf%C3%A9/*", "/café/menu.html"], ["/caf%C3%A9/*"]),
        ])
    func wildcardCoverage(inputs: [String], expected: [String]) {
        #expect(PathSet(inputs).paths == expected)
    }

    @Test("a dropped path's notice names the wildcard that covers it")
    func coverageNotice() {
        let set = PathSet(["/a/b/*", "/a/*", "/a/b/c.html"])
        #expect(set.notices.contains("Dropped '/a/b/*': the wildcard '/a/*' already covers it."))
        #expect(set.notices.contains("Dropped '/a/b/c.html': the wildcard '/a/*' already covers it."))
    }

    @Test("counts wildcards against files and bills every item once")
    func counts() {
        let set = PathSet(["/a", "/b/*", "#t", "/c*", "/d.html"])
        #expect(set.wildcardCount == 2)
        #expect(set.fileCount == 3)
        #expect(set.billablePaths == 5)
    }

    @Test(
        "covers(_:) follows CloudFront's matching",
        arguments: [
            ("/a/*", "/a/b", true), ("/a/*", "/a/", false), ("/a/*", "/a", false), ("/a/*", "/a/b/*", true),
            ("/a/b/*", "/a/*", false), ("/*", "#t", false), ("/a", "/a/b", false), ("#t", "#t", false),
            ("/a*", "/ab*", true),
        ])
    func covers(wildcard: String, other: String, expected: Bool) {
        #expect(InvalidationPath(normalized: wildcard).covers(InvalidationPath(normalized: other)) == expected)
    }
}
