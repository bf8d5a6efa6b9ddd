import ArgumentParser

/// Lets options stand before the command, as `aws --endpoint-url … cloudfront …` and `git -C dir status` allow:
/// `cloudfront-invalidate --endpoint-url URL -v list -d E1` is parsed as `list --endpoint-url URL -v -d E1`.
///
/// ArgumentParser picks the subcommand only from the first argument; anything else falls to the default command
/// (`create`), which would read `list` as a path and refuse it as a mistyped command. So the command word is moved
/// to the front when every argument before it is an option or an option's value. Only an exact command name moves:
/// a mistyped one (`chek`) stays where it is and still meets `create`'s guard.
enum CommandFirst {
    /// The subcommands' names (`create`, `wait`, `status`, …), read from the root command's configuration.
    static var commandNames: Set<String> {
        Set(CloudFrontInvalidate.configuration.subcommands.map { $0._commandName })
    }

    /// Options that take a value in the next argument (or after `=`, or attached to a short name: `-dE1`).
    /// Every other option is a flag. `ArgumentOrderTests` checks this list against every command's `--help`.
    static let valueOptions: Set<String> = [
        "-d", "--distribution-id", "--tenant-id", "--distribution-tag", "--endpoint-url", "--log-format", "--dotenv",
        "--timeout", "--on-timeout", "--profile", "--role-arn", "--oidc-token-variable", "--oidc-audience",
        "-p", "--path", "--paths-file", "-c", "--config", "--caller-reference", "--max-paths", "--id", "--limit",
        "--from-s3-sync", "--from-git", "--site-dir", "--from-dir", "--manifest", "--origin-path", "--index-document",
        "--url-prefix", "--tenants-of", "--tenants-in-group", "--tenant-domain", "--tenant-tag", "--max-request-rate",
        "--shard",
    ]

    /// `arguments` (without the program name) with the command word moved to the front when options precede it;
    /// unchanged otherwise.
    static func reorder(
        _ arguments: [String], commands: Set<String> = commandNames, valueOptions: Set<String> = valueOptions
    ) -> [String] {
        var index = 0
        // Bounded: every pass moves past at least one argument.
        while index < arguments.count {
            let argument = arguments[index]
            if commands.contains(argument) {
                guard index > 0 else { return arguments }
                return [argument] + arguments[..<index] + arguments[(index + 1)...]
            }
            guard argument.hasPrefix("-"), argument != "-", argument != "--" else { return arguments }
            index += takesNextArgument(argument, valueOptions: valueOptions) ? 2 : 1
        }
        return arguments
    }

    /// Whether `option` (an argument starting with `-`) takes the following argument as its value.
    static func takesNextArgument(_ option: String, valueOptions: Set<String>) -> Bool {
        if option.hasPrefix("--") { return !option.contains("=") && valueOptions.contains(option) }
        // A short option: `-d` takes the next argument; `-dE1` carries its value; `-vq` is flags only; in
        // `-vd E1` the last letter takes the next argument.
        let letters = Array(option.dropFirst())
        for (offset, letter) in letters.enumerated() where valueOptions.contains("-\(letter)") {
            return offset == letters.count - 1
        }
        return false
    }
}
