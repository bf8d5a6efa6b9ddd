import Foundation
import Testing

@testable import ChangeLists
@testable import Planning

/// The content manifest: format, round trip, and the "commit only after success" rule.
@Suite("Manifest")
struct ManifestTests {
    @Test("round trip, including names that need escaping")
    func roundTrip() throws {
        let manifest = ContentManifest(hashes: [
            "index.html": String(repeating: "a", count: 64), "dir/new\nline.txt": String(repeating: "b", count: 64),
            "back\\slash.txt": String(repeating: "c", count: 64), "café.html": String(repeating: "d", count: 64),
        ])
        let decoded = try ContentManifest.decode(manifest.encoded(), name: "m")
        #expect(decoded == manifest)
        let text = String(decoding: manifest.encoded(), as: UTF8.self)
        #expect(text.contains("\\" + String(repeating: "b", count: 64) + "  dir/new\\nline.txt\n"))
    }

    @Test(
        "malformed lines are errors naming the file and line",
        arguments: ["xyz  a\n", "\(String(repeating: "a", count: 64)) a\n"])
    func malformed(text: String) {
        let error = #expect(throws: ChangeListError.self) {
            try ContentManifest.decode(Array(("\(String(repeating: "0", count: 64))  ok\n" + text).utf8), name: "m.txt")
        }
        #expect(error?.message.contains("Line 2 of the manifest 'm.txt'") == true)
    }

    @Test("sha256sum -c accepts the manifest we write")
    func sha256sumCompatible() throws {
        let folder = try TemporaryFolder()
        try folder.write("index.html", "<h1>hi</h1>")
        try folder.write("a b/é.txt", "x")
        let plan = try ChangeListPlanner.plan(
            source: .directory(folder.path("."), manifest: folder.path("../manifest-\(folder.name)")),
            git: FakeGit())
        let update = try #require(plan.manifestUpdate)
        let manifestPath = folder.url.deletingLastPathComponent().appendingPathComponent("check-\(folder.name)").path
        try Data(update.manifest.encoded()).write(to: URL(fileURLWithPath: manifestPath))
        defer { try? FileManager.default.removeItem(atPath: manifestPath) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = ["--check", "--quiet", manifestPath]
        process.currentDirectoryURL = folder.url
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test("first run: everything changed; commit; no change: empty; a failed deploy (no commit) is retried in full")
    func lifecycle() throws {
        let folder = try TemporaryFolder()
        try folder.write("site/index.html", "v1")
        try folder.write("site/docs/index.html", "docs v1")
        try folder.write("site/assets/app.js", "js v1")
        let source = ChangeSource.directory(folder.path("site"), manifest: folder.path("manifest.sha256"))
        let fileSystem = LocalFileSystem()

        let first = try ChangeListPlanner.plan(source: source, fileSystem: fileSystem, git: FakeGit())
        #expect(first.changedObjects.sorted() == ["assets/app.js", "docs/index.html", "index.html"])
        #expect(first.notices.contains { $0.contains("first run") })
        #expect(!FileManager.default.fileExists(atPath: folder.path("manifest.sha256")))
        try #require(first.manifestUpdate).commit(using: fileSystem)

        let unchanged = try ChangeListPlanner.plan(source: source, fileSystem: fileSystem, git: FakeGit())
        #expect(unchanged.isEmpty)
        #expect(unchanged.summaryLines.first?.hasPrefix("Nothing to invalidate") == true)

        try folder.write("site/docs/index.html", "docs v2")
        try folder.remove("site/assets/app.js")
        try folder.write("site/assets/app2.js", "js v2")
        let failed = try ChangeListPlanner.plan(source: source, fileSystem: fileSystem, git: FakeGit())
        #expect(failed.changedObjects.sorted() == ["assets/app.js", "assets/app2.js", "docs/index.html"])
        #expect(failed.urlPaths == ["/assets/app.js", "/assets/app2.js", "/docs/", "/docs/index.html"])
        // The deploy failed: commit() is not called. The next run sees the same changes again.
        let retried = try ChangeListPlanner.plan(source: source, fileSystem: fileSystem, git: FakeGit())
        #expect(retried.changedObjects == failed.changedObjects)
        try #require(retried.manifestUpdate).commit(using: fileSystem)
        #expect(try ChangeListPlanner.plan(source: source, fileSystem: fileSystem, git: FakeGit()).isEmpty)
    }

    @Test("a failed write throws, leaves what was there, and leaves no temporary file behind")
    func failedWrite() throws {
        let folder = try TemporaryFolder()
        try folder.write("blocked/keep.txt", "x")  // 'blocked' is a directory: renaming a file over it fails
        let update = ManifestUpdate(path: folder.path("blocked"), manifest: ContentManifest())
        let error = #expect(throws: ChangeListError.self) { try update.commit(using: LocalFileSystem()) }
        #expect(error?.message.contains("previous manifest was left as it was") == true)
        #expect(FileManager.default.fileExists(atPath: folder.path("blocked/keep.txt")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path(".")) == ["blocked"])
        let missing = ManifestUpdate(path: folder.path("no/such/dir/manifest"), manifest: ContentManifest())
        #expect(throws: ChangeListError.self) { try missing.commit(using: LocalFileSystem()) }
    }
}
