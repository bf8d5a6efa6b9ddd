import Testing

@testable import ChangeLists

/// Parsing `git diff --name-status -z` and `git ls-tree -z` output.
@Suite("git output")
struct GitDiffParserTests {
    @Test("modified, added, deleted, type-changed, both sides of a rename and the new side of a copy")
    func nameStatus() throws {
        let paths = try GitDiffParser.changedPaths(nameStatus: try Fixture.bytes("git-name-status.z"), name: "git diff")
        #expect(
            paths == [
                "public/index.html", "public/docs/new page.html", "public/old.html", "public/blog/a.html",
                "public/blog/2026/a.html", "public/img/logo-copy.png", "src/app.ts", "public/link",
            ])
    }

    @Test(
        "malformed output is an error", arguments: [Array("Q\u{0}a\u{0}".utf8), Array("R100\u{0}only-one\u{0}".utf8)])
    func malformed(bytes: [UInt8]) {
        #expect(throws: ChangeListError.self) { try GitDiffParser.changedPaths(nameStatus: bytes, name: "git diff") }
    }

    @Test("ls-tree listing keeps names verbatim")
    func listing() {
        #expect(GitDiffParser.listing(Array("a b\u{0}c\"d\u{0}é\u{0}".utf8)) == ["a b", "c\"d", "é"])
        #expect(GitDiffParser.listing([]).isEmpty)
    }

    @Test("ranges", arguments: [("A..B", "A", "B"), ("A...B", "A", "B"), ("abc..", "abc", "HEAD")])
    func ranges(range: String, from: String, to: String) throws {
        let (parsedFrom, parsedTo) = try GitChangeSource.split(range)
        #expect(parsedFrom == from)
        #expect(parsedTo == to)
    }

    @Test(
        "bad ranges are errors about the git range, asking for A..B",
        arguments: ["main", "--output=x..y", "..B", "A B..C"])
    func badRanges(range: String) {
        let error = #expect(throws: ChangeListError.self) { try GitChangeSource.split(range) }
        #expect(error?.input == .gitRange)
        #expect(error?.fix == .giveCommitRange)
        #expect(error?.message.contains("--from-git") == false, "ChangeLists names no command-line flag")
    }
}
