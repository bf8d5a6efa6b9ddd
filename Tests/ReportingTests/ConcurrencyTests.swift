import CloudFront
import Testing

@testable import Reporting

@Suite("Reporters under concurrent targets")
struct ConcurrencyTests {
    @Test(
        "Blocks from concurrent tasks stay whole; GitLab section names stay unique",
        arguments: [ReportFormat.plain, .github, .gitlab])
    func concurrent(_ format: ReportFormat) async {
        let output = RecordingOutput()
        let reporter = output.reporter(format, environment: ["NO_COLOR": "1"])
        let count = 64
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<count {
                group.addTask {
                    let target = InvalidationTarget.distribution("E\(index)")
                    reporter.report(Scenario.plan(target, ["/a\(index)", "/b\(index)"]))
                    reporter.report(
                        .created(
                            target: target, invalidation: Invalidation(id: "I\(index)", status: .inProgress), batch: 1,
                            batchCount: 1))
                }
            }
        }
        let blocks = output.all.compactMap { write -> String? in
            if case .log(let text) = write { return text }
            return nil
        }
        #expect(blocks.count == count * 2)
        let planBlocks = blocks.filter { $0.contains("/a") }
        #expect(planBlocks.count == count)
        for block in planBlocks {
            let lines = block.components(separatedBy: "\n")
            let number = lines.first { $0.contains("2 paths") }.flatMap { line in
                line.split(separator: " ").first { $0.hasPrefix("E") }.map { $0.dropFirst().prefix { $0.isNumber } }
            }
            let index = String(number ?? "")
            #expect(lines.contains("  /a\(index)") && lines.contains("  /b\(index)"), "block split: \(block)")
        }
        if format == .gitlab {
            let names = planBlocks.compactMap { $0.firstMatch(of: /section_start:\d+:(\w+)\[/)?.1 }.map(String.init)
            #expect(Set(names).count == count)
        }
    }
}
