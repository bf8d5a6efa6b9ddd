import Testing

@testable import Paths

/// Splitting into batches that fit CloudFront's in-progress limits.
@Suite("Batching")
struct BatchingTests {
    /// 7,000 file paths with a wildcard after every 350th file: 20 wildcards.
    static func largeInput() -> [String] {
        var inputs: [String] = []
        for index in 1...7_000 {
            inputs.append("/files/\(index).html")
            if index % 350 == 0 { inputs.append("/wild\(index / 350)/*") }
        }
        return inputs
    }

    @Test("7,000 files and 20 wildcards: every batch within limits, every path exactly once, in order")
    func largeSplit() {
        let inputs = Self.largeInput()
        let set = PathSet(inputs)
        #expect(set.errors.isEmpty)
        #expect(set.fileCount == 7_000)
        #expect(set.wildcardCount == 20)
        let batches = set.batches(limits: .cloudFront)
        for batch in batches {
            #expect(batch.count { !$0.hasSuffix("*") } <= 3_000)
            #expect(batch.count { $0.hasSuffix("*") } <= 15)
            #expect(!batch.isEmpty)
        }
        #expect(batches.flatMap { $0 } == inputs)
        #expect(batches.count == 3)
        #expect(set.batches() == batches)
    }

    @Test("20 wildcards alone need two batches")
    func wildcardsOnly() {
        let inputs = (1...20).map { "/w\($0)/*" }
        let batches = PathSet(inputs).batches()
        #expect(batches.map(\.count) == [15, 5])
        #expect(batches.flatMap { $0 } == inputs)
    }

    @Test(
        "greedy split keeps order and closes a batch only when a limit is reached",
        arguments: [
            (["/f1", "/w1*", "/f2", "/f3", "/w2*"], [["/f1", "/w1*", "/f2"], ["/f3", "/w2*"]]),
            (["/w1*", "/w2*", "/f1"], [["/w1*"], ["/w2*", "/f1"]]),
            ([], []),
            (["#t1", "#t2", "#t3"], [["#t1", "#t2"], ["#t3"]]),
        ] as [([String], [[String]])])
    func smallLimits(inputs: [String], expected: [[String]]) {
        let items = inputs.map { InvalidationPath(normalized: $0) }
        let batches = InvalidationBatcher.split(items, limits: BatchLimits(files: 2, wildcards: 1))
        #expect(batches.map { $0.map(\.value) } == expected)
    }
}
