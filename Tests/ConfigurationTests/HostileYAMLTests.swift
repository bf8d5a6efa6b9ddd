import Configuration
import Foundation
import Testing

/// Hostile pipeline files are refused with a message naming the limit that stopped them, instead of being expanded
/// or loaded whole. The message proves the limit fired before the expansion; no test bounds wall time, which a busy
/// machine stretches (issue 12): the binary's CPU time and memory on these files are checked by
/// `test_hostile_files_are_refused_fast_and_small` in the integration tests.
@Suite("Hostile YAML")
struct HostileYAMLTests {
    /// Reads `bytes` and returns the error.
    func refuse(_ bytes: [UInt8]) -> YAMLError? {
        do {
            _ = try YAMLReader.read(bytes)
            return nil
        } catch {
            return error
        }
    }

    /// The classic "billion laughs": nine levels of ten aliases each, 10^9 nodes when expanded.
    static var billionLaughs: String {
        var lines = [
            "a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]"
        ]
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            lines.append("a\(level): &a\(level) [\(refs)]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("An alias bomb stops at the node limit")
    func billionLaughs() {
        let error = refuse(Array(Self.billionLaughs.utf8))
        #expect(error?.message.contains("alias bomb") == true)
    }

    @Test("Many small aliases stop at the alias limit")
    func manyAliases() {
        let text = "a: &x 1\nb: [" + Array(repeating: "*x", count: 5_000).joined(separator: ", ") + "]\n"
        let error = refuse(Array(text.utf8))
        #expect(error?.message.contains("more than 1000 aliases") == true)
    }

    @Test("Merge keys cannot multiply work either")
    func mergeBomb() {
        var lines = ["m0: &m0 {" + (0..<100).map { "k\($0): v" }.joined(separator: ", ") + "}"]
        for level in 1...30 {
            lines.append(
                "m\(level): &m\(level) [" + Array(repeating: "*m\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        let error = refuse(Array(lines.joined(separator: "\n").utf8))
        #expect(error != nil)
    }

    @Test("A document over 1 MiB is refused before parsing")
    func hugeDocument() {
        let bytes = Array(("paths: [\"/" + String(repeating: "a", count: 2 << 20) + "\"]\n").utf8)
        let error = refuse(bytes)
        #expect(error?.mark == nil)
        #expect(error?.message.contains("more than the 1048576-byte limit") == true)
    }

    @Test("Deep nesting stops at 32 levels", arguments: ["flow", "block"])
    func deepNesting(style: String) {
        let depth = 100_000
        let text =
            style == "flow"
            ? String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            : (0..<200).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n")
        let error = refuse(Array(text.utf8))
        #expect(error?.message.contains("nested more than 32 levels") == true, "\(String(describing: error))")
        #expect(error?.mark != nil)
    }

    @Test("Duplicate keys are refused with both places")
    func duplicateKeys() {
        let error = refuse(Array("targets:\n  - distribution_id: E1\n    distribution_id: E2\n".utf8))
        #expect(error?.mark == YAMLMark(line: 3, column: 5))
        #expect(error?.message.contains("first at line 2, column 5") == true)
    }

    @Test(
        "Bytes that are not UTF-8 are refused before parsing, with their place",
        arguments: [
            ([0x61, 0x3A, 0x20, 0xFF, 0x0A], YAMLMark(line: 1, column: 4)),  // a: <FF>
            ([0x61, 0x3A, 0x0A, 0x62, 0x3A, 0x20, 0xC3, 0x28], YAMLMark(line: 2, column: 4)),  // bad continuation
            ([0xED, 0xA0, 0x80], YAMLMark(line: 1, column: 1)),  // an encoded surrogate
            ([0xC0, 0xAF], YAMLMark(line: 1, column: 1)),  // overlong '/'
            ([0xFF, 0xFE, 0x61, 0x00], YAMLMark(line: 1, column: 1)),  // a UTF-16 byte order mark
        ] as [([UInt8], YAMLMark)])
    func notUTF8(bytes: [UInt8], mark: YAMLMark) {
        let error = refuse(bytes)
        #expect(error?.mark == mark)
        #expect(error?.message.contains("not valid UTF-8") == true)
    }

    @Test("UTF-8 with a byte order mark and non-ASCII text is fine")
    func utf8WithBOM() throws {
        let root = try YAMLReader.read([0xEF, 0xBB, 0xBF] + Array("path: /café\n".utf8))
        guard case .mapping(let entries) = root?.kind else {
            Issue.record("expected a mapping")
            return
        }
        #expect(entries.first?.value.kind == .scalar("/café", plain: true))
    }

    @Test("A NUL byte is refused by the parser with its place")
    func nulByte() {
        let error = refuse(Array("a: b\u{0}c\n".utf8))
        #expect(error?.mark?.line == 1)
    }

    @Test("Unknown aliases are errors, not crashes")
    func unknownAlias() {
        let error = refuse(Array("a: *nowhere\n".utf8))
        #expect(error?.message.contains("refers to no anchor") == true)
    }

    @Test("Limits are parameters: a tighter node limit refuses a modest list")
    func customLimits() {
        let text = "paths: [" + (0..<50).map { "\"/p\($0)\"" }.joined(separator: ", ") + "]"
        let limits = YAMLLimits(maxBytes: 1 << 20, maxDepth: 32, maxNodes: 40, maxAliases: 10)
        #expect(throws: YAMLError.self) { try YAMLReader.read(Array(text.utf8), limits: limits) }
        #expect(throws: Never.self) { try YAMLReader.read(Array(text.utf8)) }
    }

    @Test("A legitimate large file (7,000 paths) is within every limit")
    func largeLegitimateFile() throws {
        let text = "paths:\n" + (0..<7_000).map { "  - /assets/file-\($0).js" }.joined(separator: "\n") + "\n"
        let file = try PipelineFile.parse(Array(text.utf8), name: "big.yml", environment: [:])
        #expect(file.defaults.paths?.count == 7_000)
    }
}
