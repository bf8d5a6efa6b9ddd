import Testing

@testable import ChangeLists

/// Parsing what `aws s3 sync` / `cp` / `mv` print, from recorded-format fixtures.
@Suite("aws s3 sync output")
struct S3SyncParserTests {
    @Test("uploads, deletes, copies and moves, with progress lines overwritten by carriage returns")
    func basic() throws {
        let result = try S3SyncParser.parse(try Fixture.text("s3-sync-basic.txt"), name: "sync.log")
        #expect(
            result.keys == [
                "index.html", "docs/index.html", "assets/app.3f9a.js", "assets/app.1c2b.js", "img/logo.png",
                "old/page.html", "new/page.html",
            ])
        #expect(result.buckets == ["my-site"])
        #expect(result.notices.isEmpty)
    }

    @Test("keys with spaces, unicode, quotes, ' to ', %, ?, # and a CRLF line are kept verbatim")
    func oddKeys() throws {
        let result = try S3SyncParser.parse(try Fixture.text("s3-sync-odd-keys.txt"), name: "sync.log")
        #expect(
            result.keys == [
                "My Documents/read me.txt", "café/naïve résumé.html", "\"quoted\" & 'single'.html",
                "from a to b.html", "50%off?.html", "日本語/ページ.html", "a#b[1].html", "emoji 😀.png",
            ])
    }

    @Test("dry-run lines count as changes; failed transfers and warnings do not, and are noted")
    func dryRunAndFailures() throws {
        let result = try S3SyncParser.parse(try Fixture.text("s3-sync-dryrun-and-failures.txt"), name: "sync.log")
        #expect(result.keys == ["index.html", "gone.html"])
        #expect(result.notices.count == 2)
        #expect(result.notices.contains { $0.contains("1 failed transfer") })
    }

    @Test("lines the AWS CLI never prints are an error naming the file and the lines")
    func notAWSOutput() throws {
        let error = try #require(throws: ChangeListError.self) {
            try S3SyncParser.parse(try Fixture.text("s3-sync-not-aws-output.txt"), name: "sync.log")
        }
        #expect(error.message.contains("sync.log has 2 line(s)"))
        #expect(error.message.contains("line 2: 'This is not aws output'"))
        #expect(error.fix == .passSyncOutput)
    }

    @Test(
        "several buckets are noted",
        arguments: [
            ("upload: a to s3://one/a\nupload: b to s3://two/b\n", 2),
            ("upload: a to s3://one/a\nupload: b to s3://one/b\n", 1),
        ])
    func buckets(text: String, count: Int) throws {
        let result = try S3SyncParser.parse(text, name: "-")
        #expect(result.buckets.count == count)
        #expect(result.notices.count == (count > 1 ? 1 : 0))
    }

    @Test("empty output is an empty change list, not an error")
    func empty() throws {
        #expect(try S3SyncParser.parse("", name: "-").keys.isEmpty)
        #expect(try S3SyncParser.parse("\n   \n", name: "-").keys.isEmpty)
    }
}
