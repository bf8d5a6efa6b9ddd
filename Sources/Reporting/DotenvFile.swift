import TextTrimming

/// A GitLab `artifacts:reports:dotenv` file written at the end of a run (`--dotenv FILE` / `CLOUDFRONT_DOTENV`).
///
/// GitLab reads `KEY=value` lines with no quoting, no escapes and no multi-line values (and at most 20 variables,
/// 5 KB), so the IDs are joined with commas; invalidation IDs are upper-case letters and digits and need no quoting.
/// The file is replaced, not appended to: it describes this run.
struct DotenvFile: Sendable {
    let path: String
    let files: FileOutput

    /// The file's text for `document`.
    static func render(_ document: ResultDocument) -> String {
        let ids = document.invalidationIDs.map(value)
        return [
            "CLOUDFRONT_INVALIDATION_ID=" + (ids.first ?? ""),
            "CLOUDFRONT_INVALIDATION_IDS=" + ids.joined(separator: ","),
            "CLOUDFRONT_INVALIDATION_STATUS=" + document.overallStatus,
        ].joined(separator: "\n") + "\n"
    }

    /// Writes the file; returns a sentence describing the failure, or nil.
    func write(_ document: ResultDocument, sink: LogSink) -> String? {
        do {
            try files.replace(path, sink.redacted(Self.render(document)))
            return nil
        } catch {
            return "could not write the dotenv file \(TextSafety.visibleLine(path)) (\(error)); "
                + "check that its directory exists and is writable."
        }
    }

    /// A value GitLab can read back: one line, no quotes (which it would keep), no surrounding blanks.
    static func value(_ text: String) -> String {
        String(TextSafety.visibleLine(text).filter { $0 != "\"" && $0 != "'" }).trimmingASCIIWhitespace()
    }
}
