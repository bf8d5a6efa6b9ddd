import Foundation
import Testing

@testable import ChangeLists
@testable import Planning

/// A temporary folder removed when the value is released.
final class TemporaryFolder: Sendable {
    let url: URL
    var name: String { url.lastPathComponent }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("changelists-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The absolute path of `relative` inside the folder.
    func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }

    /// Writes `text` to `relative`, creating folders.
    func write(_ relative: String, _ text: String) throws {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    /// Removes `relative`.
    func remove(_ relative: String) throws {
        try FileManager.default.removeItem(at: url.appendingPathComponent(relative))
    }
}

/// A git that answers from canned output and records what it was asked.
struct FakeGit: GitRunner {
    var answers: [String: [UInt8]] = [:]

    func run(_ arguments: [String], in directory: String) throws -> [UInt8] {
        guard let answer = answers[arguments.first ?? ""] else {
            throw ChangeListError(.gitRange, message: "FakeGit has no answer for \(arguments).")
        }
        return answer
    }
}
