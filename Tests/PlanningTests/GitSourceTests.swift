import Foundation
import Testing

@testable import ChangeLists
@testable import Planning

/// `--from-git` against a real repository built in a temporary folder, through the live process runner.
@Suite("git source")
struct GitSourceTests {
    /// Runs git in `folder` for setting up the repository.
    static func git(_ arguments: [String], in folder: TemporaryFolder) throws -> String {
        let runner = ProcessGitRunner(environment: ProcessInfo.processInfo.environment)
        let output = try runner.run(
            ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"] + arguments,
            in: folder.path("."))
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("added, modified, deleted, renamed (both sides) under the site directory; outside changes ignored")
    func liveRepository() throws {
        let folder = try TemporaryFolder()
        _ = try Self.git(["init", "-q", "-b", "main"], in: folder)
        try folder.write("public/index.html", "home v1")
        try folder.write("public/docs/index.html", "docs v1")
        try folder.write("public/blog/first post.html", String(repeating: "long unchanged text\n", count: 20))
        try folder.write("public/old.html", "old")
        try folder.write("public/keep/a.css", "a")
        try folder.write("public/keep/b.css", "b")
        try folder.write("src/app.ts", "v1")
        _ = try Self.git(["add", "-A"], in: folder)
        _ = try Self.git(["commit", "-q", "-m", "one"], in: folder)
        let first = try Self.git(["rev-parse", "HEAD"], in: folder)

        try folder.write("public/index.html", "home v2")
        try folder.write("public/café/naïve.html", "new")
        try folder.remove("public/old.html")
        try FileManager.default.createDirectory(
            atPath: folder.path("public/blog/2026"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(
            atPath: folder.path("public/blog/first post.html"), toPath: folder.path("public/blog/2026/first post.html"))
        try folder.write("src/app.ts", "v2")
        _ = try Self.git(["add", "-A"], in: folder)
        _ = try Self.git(["commit", "-q", "-m", "two"], in: folder)
        let second = try Self.git(["rev-parse", "HEAD"], in: folder)

        let git = ProcessGitRunner(environment: ProcessInfo.processInfo.environment)
        let plan = try ChangeListPlanner.plan(
            source: .git(range: "\(first)..\(second)", siteDirectory: folder.path("public")), git: git)
        #expect(
            plan.changedObjects.sorted() == [
                "blog/2026/first post.html", "blog/first post.html", "café/naïve.html", "index.html", "old.html",
            ])
        #expect(plan.urlPaths.contains("/"))
        #expect(plan.urlPaths.contains("/caf%C3%A9/na%C3%AFve.html"))
        #expect(plan.evictedUnchanged == 0)

        // Folded to 2 paths with the listing known: the wildcard choice avoids the unchanged keep/ and docs/.
        let folded = try ChangeListPlanner.plan(
            source: .git(range: "\(first)..\(second)", siteDirectory: folder.path("public")), maxPaths: 3, git: git)
        #expect(folded.paths.count <= 3)
        #expect(folded.evictedUnchanged != nil)
        #expect(!folded.paths.contains("/*") || folded.fellBackToRoot)

        // The all-zero "before" of a new branch: everything under the site directory changed.
        let zero = String(repeating: "0", count: 40)
        let everything = try ChangeListPlanner.plan(
            source: .git(range: "\(zero)..\(second)", siteDirectory: folder.path("public")), git: git)
        #expect(everything.changedObjects.count == 6)

        // The recorded fixture has the same shape as what this git prints.
        let raw = try git.run(
            ["diff", "--name-status", "-z", "--find-renames", "--no-relative", "\(first)..\(second)"],
            in: folder.path("public"))
        #expect(raw.contains(0))
        #expect(String(decoding: raw, as: UTF8.self).contains("R100\u{0}public/blog/first post.html\u{0}"))
    }

    @Test("git failures are errors that quote git and suggest the fix")
    func failure() throws {
        let folder = try TemporaryFolder()
        _ = try Self.git(["init", "-q"], in: folder)
        let git = ProcessGitRunner(environment: ProcessInfo.processInfo.environment)
        let error = #expect(throws: ChangeListError.self) {
            try ChangeListPlanner.plan(source: .git(range: "nope..HEAD", siteDirectory: folder.path(".")), git: git)
        }
        #expect(error?.message.contains("exited with status") == true)
        #expect(error?.fix == .checkRangeAndHistory)
    }

    @Test("output beyond the limit stops git and fails")
    func outputLimit() throws {
        let folder = try TemporaryFolder()
        _ = try Self.git(["init", "-q"], in: folder)
        let tiny = ProcessGitRunner(environment: ProcessInfo.processInfo.environment, maximumOutputBytes: 10)
        let error = #expect(throws: ChangeListError.self) { try tiny.run(["help", "-a"], in: folder.path(".")) }
        #expect(error?.message.contains("printed more than") == true)
    }
}
