import Configuration
import Paths
import Testing

@testable import ChangeLists
@testable import Planning

/// Given paths on the packed-bytes pipeline (issue 12, item 9): the fast route must send exactly what `PathRules`
/// sends, and `--max-paths` on a paths file must fold like before.
@Suite("Given paths on the byte pipeline")
struct GivenPathsPipelineTests {
    static let samples = [
        "/index.html", "/assets/*", "/a*b", "/*", "/", "index.html", " /padded ", "/café/menu.html", "/a b.html",
        "/50%25off", "/100%", "/q?x=1&y=2", "/~user/", "/a#frag", "/{x}", "/tab\there", "#product-1", "#Product-1",
        "/" + String(repeating: "x", count: 3_999), "/" + String(repeating: "x", count: 4_000), "", "/ok/\u{7F}",
    ]

    @Test("A path taken as it is is exactly what PathRules sends", arguments: GivenPathsPipelineTests.samples)
    func agreesWithPathRules(_ raw: String) {
        for encode in [true, false] {
            let sentAsIs = raw.utf8.withContiguousStorageIfAvailable { GivenPaths.isSentAsIs($0) } ?? false
            let rules = PathRules.normalize(raw, encode: encode)
            if sentAsIs {
                guard case .success(let normalized) = rules else {
                    Issue.record("'\(raw)' taken as it is, but PathRules refuses it")
                    continue
                }
                #expect(normalized.path.value == raw && normalized.notices.isEmpty, "'\(raw)'")
            }
            let given = GivenPaths.normalized([raw], encode: encode)
            switch rules {
            case .failure:
                #expect(given == nil, "'\(raw)' is an error for PathRules")
            case .success(let normalized):
                let packed = (given?.urls.strings ?? []) + (given?.tags ?? [])
                #expect(packed == [normalized.path.value], "'\(raw)'")
            }
        }
    }

    @Test("Random ASCII: the fast route never disagrees with PathRules", arguments: PropertyRuns.seeds(8))
    func randomAgreement(seed: Int) {
        var random = SplitMix64(state: UInt64(seed) &* 6_364_136_223_846_793_005 &+ 1)
        let alphabet = Array("/ab*%#?~ \t\"<>{}|\\^[]`é01".unicodeScalars)
        for _ in 0..<500 {
            let length = Int.random(in: 0...12, using: &random)
            var text = String.UnicodeScalarView()
            for _ in 0..<length { text.append(alphabet[Int.random(in: 0..<alphabet.count, using: &random)]) }
            let raw = String(text)
            let given = GivenPaths.normalized([raw], encode: true)
            switch PathRules.normalize(raw, encode: true) {
            case .failure: #expect(given == nil, "'\(raw)'")
            case .success(let normalized):
                #expect((given?.urls.strings ?? []) + (given?.tags ?? []) == [normalized.path.value], "'\(raw)'")
            }
        }
    }

    @Test("--max-paths on a long mixed list folds every path, tags kept apart and counted once")
    func foldsMixedList() throws {
        let raw =
            (0..<3_000).map { "/docs/\($0 % 40)/page-\($0).html" } + (0..<50).map { "img/café-\($0).jpg" }
            + ["#Tag-A", "#tag-a", "#tag-b", "/docs/1/page-1.html"]
        var notices: [String] = []
        let folded = RunPlan.fold(raw, maxPaths: 20, encode: true, notices: &notices)
        #expect(folded.count <= 20)
        #expect(folded.filter { $0.hasPrefix("#") }.count == 2, "\(folded)")
        let sent = PathSet(folded)
        #expect(sent.errors.isEmpty)
        let wildcards = sent.paths.filter { $0.hasSuffix("*") }.map { $0.dropLast() }
        for path in PathSet(raw).paths where !path.hasPrefix("#") {
            #expect(sent.paths.contains(path) || wildcards.contains { path.hasPrefix($0) && path.count > $0.count })
        }
        #expect(notices == ["--max-paths 20: folded 3,052 paths into \(folded.count)."])
    }

    @Test("A list with an error, or that fits, is left for PathSet as it was given")
    func leftAsGiven() {
        var notices: [String] = []
        let withError = ["/a*b"] + (0..<30).map { "/p\($0)" }
        #expect(RunPlan.fold(withError, maxPaths: 5, encode: true, notices: &notices) == withError)
        let fits = ["/a", "/a", "/b", "b"]
        #expect(RunPlan.fold(fits, maxPaths: 2, encode: true, notices: &notices) == fits)
        #expect(notices.isEmpty)
    }
}

/// Paths files are split on bytes (issue 12, item 9): the same lines as before, far faster.
@Suite("Paths file lines")
struct PathsFileLinesTests {
    @Test("Lines, comments, tags, blanks, CRLF and trimming")
    func lines() {
        let text = "# generated\r\n/a b.html \r\n\t#tag\n#\n# comment\n#\tcomment\n\n  \n/café\r/last"
        #expect(PathsFile.parse(text) == ["/a b.html", "#tag", "/café", "/last"])
        #expect(PathsFile.parse("") == [])
        #expect(PathsFile.parse("\n\n/x\n") == ["/x"])
    }
}
