import ArgumentParser
import Foundation
import Testing

@testable import CloudFrontInvalidateCLI

/// Options may stand before the command (issue 12): the command word is moved to the front before parsing, and a
/// mistyped command still meets `create`'s guard.
@Suite("Options before the command")
struct ArgumentOrderTests {
    @Test(
        "The command moves to the front past options and their values",
        arguments: [
            (
                ["--endpoint-url", "http://127.0.0.1:9", "status", "-d", "E1", "--id", "I1"],
                ["status", "--endpoint-url", "http://127.0.0.1:9", "-d", "E1", "--id", "I1"]
            ),
            (["-v", "list", "-d", "E1"], ["list", "-v", "-d", "E1"]),
            (["--profile", "prod", "check", "-d", "E1"], ["check", "--profile", "prod", "-d", "E1"]),
            (["--json", "wait", "-d", "E1", "--id", "I1"], ["wait", "--json", "-d", "E1", "--id", "I1"]),
            (["--endpoint-url=http://x", "-dE1", "list"], ["list", "--endpoint-url=http://x", "-dE1"]),
            (["-vd", "E1", "list"], ["list", "-vd", "E1"]),
            (["--dry-run", "create", "/a"], ["create", "--dry-run", "/a"]),
        ])
    func reordered(_ given: [String], _ expected: [String]) {
        #expect(CommandFirst.reorder(given) == expected)
    }

    @Test(
        "Arguments stay as they are when no command follows options only",
        arguments: [
            ["status", "-d", "E1", "--id", "I1"],  // already first
            ["-d", "E1", "/index.html"],  // create by default
            ["--profile", "list", "-d", "E1", "/a"],  // `list` is the profile's name
            ["-d", "E1", "chek"],  // mistyped: create's guard refuses it
            ["-v", "chek", "-d", "E1"],
            ["/status", "list"],  // a path first: create
            ["-d", "E1", "--", "list"],  // after --, everything is a path
            [],
        ])
    func unchanged(_ given: [String]) {
        #expect(CommandFirst.reorder(given) == given)
    }

    @Test("Parsed after reordering, each example reaches its command with its options")
    func parsed() throws {
        let status = try CloudFrontInvalidate.parseAsRoot(
            CommandFirst.reorder(["--endpoint-url", "http://127.0.0.1:9", "status", "-d", "E1", "--id", "I1"]))
        let statusCommand = try #require(status as? StatusCommand)
        #expect(statusCommand.connection.endpointURL == "http://127.0.0.1:9")
        #expect(statusCommand.invalidationID == "I1")
        let list = try CloudFrontInvalidate.parseAsRoot(CommandFirst.reorder(["-v", "list", "-d", "E1"]))
        #expect((list as? ListCommand)?.output.verbose == true)
        let check = try CloudFrontInvalidate.parseAsRoot(
            CommandFirst.reorder(["--profile", "prod", "check", "-d", "E1"]))
        #expect((check as? CheckCommand)?.credentials.profile == "prod")
        let wait = try CloudFrontInvalidate.parseAsRoot(
            CommandFirst.reorder(["--json", "wait", "-d", "E1", "--id", "I1"]))
        #expect(wait is WaitCommand)
    }

    @Test("A mistyped command before or after options is still refused, not read as a path")
    func mistypedCommand() {
        for arguments in [["chek", "-d", "E1"], ["-v", "chek", "-d", "E1"], ["--profile", "prod", "chek"]] {
            #expect(throws: (any Error).self) {
                _ = try CloudFrontInvalidate.parseAsRoot(CommandFirst.reorder(arguments))
            }
        }
    }

    /// The value-taking options of every command, read from its `--help` (`-d, --distribution-id <id>`), so an option
    /// added later cannot be missed: a missing one would make its value look like a command.
    @Test("The list of options that take a value matches every command's help")
    func valueOptionsMatchHelp() {
        var takesValue: Set<String> = []
        var flags: Set<String> = []
        let commands = [CloudFrontInvalidate.self] + CloudFrontInvalidate.configuration.subcommands
        for command in commands {
            let help = CloudFrontInvalidate.helpMessage(for: command, columns: 500)
            for line in help.split(separator: "\n") {
                let trimmed = line.drop { $0 == " " }
                guard trimmed.hasPrefix("-") else { continue }
                let head = trimmed.split(separator: "  ", maxSplits: 1).first.map(String.init) ?? ""
                let hasValue = head.contains("<")
                let names = head.components(separatedBy: CharacterSet(charactersIn: " ,/")).filter { $0.hasPrefix("-") }
                if hasValue { takesValue.formUnion(names) } else { flags.formUnion(names) }
            }
        }
        #expect(takesValue.contains("--endpoint-url") && flags.contains("--json"))
        #expect(takesValue.subtracting(CommandFirst.valueOptions).isEmpty, "add these to CommandFirst.valueOptions")
        #expect(CommandFirst.valueOptions.intersection(flags).isEmpty, "these are flags")
        #expect(CommandFirst.valueOptions.subtracting(takesValue).isEmpty, "no command has these options")
    }
}
