/// The step outputs (`$GITHUB_OUTPUT`) and the job summary (`$GITHUB_STEP_SUMMARY`) of a run.
///
/// https://docs.github.com/actions/reference/workflow-commands-for-github-actions#setting-an-output-parameter
enum GitHubStepFiles {
    /// `name=value` lines for single-line values and the `name<<DELIMITER` form for `invalidation-ids` (one ID a
    /// line). The delimiter is random, so no value can end the block early, and is checked against every value line.
    static func outputs(_ document: ResultDocument, delimiter: () -> String) -> String {
        let ids = document.invalidationIDs.map(TextSafety.visibleLine)
        var text = ""
        text += "invalidation-id=\(ids.first ?? "")\n"
        var marker = delimiter()
        // Bounded: a fresh random delimiter colliding with an ID twice in a row is practically impossible.
        for _ in 0..<8 where ids.contains(marker) { marker = delimiter() }
        text += "invalidation-ids<<\(marker)\n"
        for id in ids { text += id + "\n" }
        text += "\(marker)\n"
        text += "status=\(document.overallStatus)\n"
        text += "billable-paths=\(document.billablePaths)\n"
        text += "planned-billable-paths=\(document.plannedBillablePaths)\n"
        return text
    }

    /// A random heredoc delimiter: `ghadelimiter_` and 32 hex digits, as `@actions/core` does with a UUID.
    static func randomDelimiter() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = String(generator.next(), radix: 16)
        let low = String(generator.next(), radix: 16)
        return "ghadelimiter_" + String(repeating: "0", count: 16 - high.count) + high
            + String(repeating: "0", count: 16 - low.count) + low
    }

    /// Paths listed in a summary cell before "and N more".
    static let pathsInCell = 5
    /// Rows of the table before a run is summed up by status instead (a fan-out over thousands of tenants).
    static let rowsInTable = 50

    /// A Markdown section: a heading, a line with the totals, a table (target, ID, paths, status, elapsed, console
    /// link) and the errors, if any. Every user-controlled cell is escaped.
    static func summary(_ document: ResultDocument) -> String {
        var lines = ["### CloudFront invalidation" + (document.dryRun ? " (dry run)" : ""), ""]
        let count = document.invalidations.count
        let noun =
            document.dryRun
            ? (count == 1 ? "batch planned" : "batches planned") : (count == 1 ? "invalidation" : "invalidations")
        lines.append(
            "**\(document.overallStatus)**: \(count) \(noun), \(billableText(document)), exit code \(document.exitCode)."
        )
        lines.append("")
        if !document.invalidations.isEmpty {
            // Thousands of tenants: the failed ones get rows, the rest are counted by status.
            let many = document.invalidations.count > rowsInTable
            let shown =
                many
                ? Array(document.invalidations.filter { $0.error != nil }.prefix(rowsInTable)) : document.invalidations
            if !shown.isEmpty {
                lines.append("| Target | Invalidation | Paths | Status | Elapsed | Console |")
                lines.append("| --- | --- | --- | --- | --- | --- |")
                for entry in shown {
                    lines.append(row(entry))
                }
                lines.append("")
            }
            if many {
                var counts: [String: Int] = [:]
                for entry in document.invalidations {
                    counts[entry.error != nil ? "Failed" : entry.status ?? "not sent", default: 0] += 1
                }
                let failedRows = document.invalidations.filter { $0.error != nil }.count
                let more =
                    failedRows > shown.count ? " (the first \(shown.count) failed shown; every one is in --json)" : ""
                lines.append(
                    "By status: "
                        + counts.keys.sorted().map { "\(TextSafety.markdownCell($0)) \(counts[$0] ?? 0)" }.joined(
                            separator: ", ")
                        + more + ".")
                lines.append("")
            }
        }
        for error in document.errors {
            lines.append("- :x: " + TextSafety.markdownCell(error))
        }
        if !document.errors.isEmpty { lines.append("") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "3 billable paths accepted (5 planned)"; a dry run accepts nothing, so it states the plan only.
    static func billableText(_ document: ResultDocument) -> String {
        func paths(_ count: Int) -> String { "\(count) billable " + (count == 1 ? "path" : "paths") }
        if document.dryRun { return paths(document.plannedBillablePaths) + " planned" }
        return paths(document.billablePaths) + " accepted (\(document.plannedBillablePaths) planned)"
    }

    private static func row(_ entry: ResultDocument.Entry) -> String {
        let shown = entry.paths.prefix(pathsInCell).map { TextSafety.markdownCell($0) }
        var paths = "\(entry.paths.count): " + shown.joined(separator: ", ")
        if entry.paths.count > pathsInCell { paths += ", … and \(entry.paths.count - pathsInCell) more" }
        let cells = [
            TextSafety.markdownCell(entry.target.description),
            entry.id.map(TextSafety.markdownCell) ?? "—",
            paths,
            entry.status.map(TextSafety.markdownCell) ?? "—",
            entry.elapsedSeconds.map(EventText.seconds) ?? "—",
            entry.consoleURL.map { "[open](\($0))" } ?? "—",
        ]
        return "| " + cells.joined(separator: " | ") + " |"
    }
}
