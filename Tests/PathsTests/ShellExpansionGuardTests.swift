import Testing

@testable import Paths

/// Refusing an unquoted `/*` or `*` expanded by the shell, without refusing real invalidations.
@Suite("ShellExpansionGuard")
struct ShellExpansionGuardTests {
    /// The root directory of a Debian runner, hidden entry included.
    static let debianRoot: Set<String> = [
        "bin", "boot", "dev", "etc", "home", "lib", "lib64", "media", "mnt", "opt", "proc", "root", "run", "sbin",
        "srv", "sys", "tmp", "usr", "var", ".dockerenv",
    ]
    /// A static site's build directory, with a hidden file the shell's `*` skips.
    static let siteDirectory: Set<String> = ["index.html", "assets", "css", ".well-known"]

    /// What bash makes of an unquoted `/*` on that root: visible entries, sorted, with a leading `/`.
    static var expandedRoot: [String] {
        debianRoot.filter { !$0.hasPrefix(".") }.sorted().map { "/" + $0 }
    }

    /// Runs the guard with the Debian root and the site directory unless told otherwise.
    func check(_ paths: [String], root: Set<String> = debianRoot, cwd: Set<String> = siteDirectory) -> GuardRefusal? {
        ShellExpansionGuard.check(paths: paths, rootEntries: root, workingDirectoryEntries: cwd)
    }

    @Test("an unquoted /* expanded against / is refused, with quoting advice")
    func rootExpansion() throws {
        let refusal = try #require(check(Self.expandedRoot))
        #expect(refusal.reason == .rootExpansion)
        #expect(refusal.matchedPaths == Self.expandedRoot)
        #expect(refusal.message.contains("cloudfront-invalidate -d ID '/*'"))
        #expect(refusal.message.contains("--paths-file"))
        #expect(refusal.message.contains("19 paths"))
    }

    @Test("an expanded /* beside other paths is still refused")
    func rootExpansionWithExtras() {
        #expect(check(["/index.html"] + Self.expandedRoot)?.reason == .rootExpansion)
    }

    @Test("a /* expanded on a host whose / differs from ours (docker run) is refused by the well-known names")
    func foreignRoot() {
        let host = ["/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/snap", "/usr", "/var"]
        let containerRoot: Set<String> = ["app", "dev", "etc", "proc", "sys", "tmp"]
        #expect(check(host, root: containerRoot)?.reason == .rootExpansion)
    }

    @Test("an unquoted * expanded in the working directory is refused, suggesting a leading slash")
    func workingDirectoryExpansion() throws {
        let refusal = try #require(check(["assets", "css", "index.html"]))
        #expect(refusal.reason == .workingDirectoryExpansion)
        #expect(refusal.matchedPaths == ["assets", "css", "index.html"])
        #expect(refusal.message.contains("cloudfront-invalidate -d ID '/*'"))
        #expect(refusal.message.contains("--paths-file"))
        #expect(refusal.message.contains("'/assets'"))
    }

    @Test(
        "real invalidations are not refused",
        arguments: [
            ["/index.html", "/assets/*"],
            ["/etc"],
            ["/etc", "/usr", "/var"],
            ["/*"],
            ["/index.html", "/assets", "/css"],
            ["index.html", "assets"],
            ["/bin", "/boot", "/dev", "/etc", "/index.html", "/assets"],
            ["#bin", "#boot", "#dev", "#etc", "#home", "#lib"],
        ])
    func legitimate(paths: [String]) {
        #expect(check(paths) == nil)
    }

    @Test("empty listings (the CLI could not read a directory) refuse nothing but well-known root names")
    func emptyListings() {
        #expect(check(["index.html", "assets", "css"], root: [], cwd: []) == nil)
        #expect(check(["/a", "/b", "/c"], root: [], cwd: []) == nil)
        #expect(check(Self.expandedRoot, root: [], cwd: [])?.reason == .rootExpansion)
    }

    @Test("a small fraction of a large working directory is not an expansion")
    func smallFraction() {
        let cwd = Set((1...10).map { "page\($0).html" })
        #expect(check(["page1.html", "page2.html", "page3.html"], cwd: cwd) == nil)
        #expect(check((1...8).map { "page\($0).html" }, cwd: cwd)?.reason == .workingDirectoryExpansion)
    }
}
