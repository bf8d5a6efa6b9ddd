extension PipelineFile {
    /// The name under which the working directory's pipeline file is read when present.
    public static let defaultFileName = ".cloudfront-invalidate.yml"
    /// The name messages give a pipeline file read from standard input (`--config -`).
    public static let standardInputName = "<stdin>"

    /// Reads, interpolates and validates a pipeline file; fails with every problem, each at `name:line:column`.
    ///
    /// `bytes` may hold more than `limits.maxBytes` (a reader stops one byte past it); that is reported, not read.
    public static func parse(
        _ bytes: [UInt8], name: String, environment: [String: String], limits: YAMLLimits = .standard
    ) throws(ConfigurationError) -> PipelineFile {
        let root: YAMLNode?
        do {
            root = try YAMLReader.read(bytes, limits: limits)
        } catch {
            throw ConfigurationError([
                .init(
                    location: error.mark.map { "\(name):\($0.line):\($0.column)" } ?? name, message: error.message,
                    position: error.mark.map { FilePosition(file: name, line: $0.line, column: $0.column) })
            ])
        }
        var decoder = PipelineFileDecoder(name: name, environment: environment)
        let file = decoder.decode(root)
        guard decoder.problems.isEmpty else { throw ConfigurationError(decoder.problems) }
        return file
    }
}
