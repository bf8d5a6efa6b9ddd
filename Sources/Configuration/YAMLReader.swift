internal import CYAML

/// Reads one YAML document into ``YAMLNode``s with libyaml's event parser, refusing hostile input early.
///
/// Before parsing: the size cap and a strict UTF-8 check (libyaml would otherwise guess UTF-16 from a byte order
/// mark). While parsing: nesting depth, node count (aliases counted at their expanded size), alias count,
/// duplicate keys and unknown aliases. Every check fails at the first event that crosses it, so time and memory
/// stay bounded by the limits, not by what the document claims to contain.
public enum YAMLReader {
    /// The document's root node, or nil for an empty document (nothing but comments or whitespace).
    public static func read(_ bytes: [UInt8], limits: YAMLLimits = .standard) throws(YAMLError) -> YAMLNode? {
        guard bytes.count <= limits.maxBytes else {
            throw YAMLError(
                mark: nil,
                message: "the file is \(bytes.count) bytes, more than the \(limits.maxBytes)-byte limit for a "
                    + "pipeline file; list many paths in a paths_file instead.")
        }
        if let bad = UTF8Check.firstInvalidByte(in: bytes) {
            throw YAMLError(
                mark: bad.mark,
                message: "the file is not valid UTF-8 (byte 0x\(String(bad.byte, radix: 16, uppercase: true))); "
                    + "save it as UTF-8.")
        }
        let result: Result<YAMLNode?, YAMLError> = bytes.withUnsafeBufferPointer { buffer in
            var builder = YAMLTreeBuilder(limits: limits)
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                return .failure(YAMLError(mark: nil, message: "the YAML parser could not start (out of memory)."))
            }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            // Bounded: every event consumes input, and the builder stops at its limits.
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    return .failure(syntaxError(parser))
                }
                defer { yaml_event_delete(&event) }
                do throws(YAMLError) {
                    if try builder.consume(Event(event)) { break }
                } catch {
                    return .failure(error)
                }
            }
            return .success(builder.root)
        }
        return try result.get()
    }

    /// libyaml's problem as a sentence at libyaml's (0-based) mark.
    private static func syntaxError(_ parser: yaml_parser_t) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unreadable YAML"
        let context = parser.context.map { String(cString: $0) }
        let mark = YAMLMark(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
        var message = "YAML syntax error: \(problem)"
        if let context {
            let line = Int(parser.context_mark.line) + 1
            let column = Int(parser.context_mark.column) + 1
            message += " (\(context) that starts at line \(line), column \(column))"
        }
        return YAMLError(mark: mark, message: message + ". Check the indentation and quoting there.")
    }
}

/// One libyaml event, copied out of C memory.
enum Event {
    case documentStart(YAMLMark)
    case scalar(String, plain: Bool, anchor: String?, mark: YAMLMark)
    case alias(String, mark: YAMLMark)
    case sequenceStart(anchor: String?, mark: YAMLMark)
    case mappingStart(anchor: String?, mark: YAMLMark)
    case collectionEnd
    case streamEnd
    case other

    init(_ event: yaml_event_t) {
        let mark = YAMLMark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            pointer.map { String(cString: $0) }
        }
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            self = .documentStart(mark)
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let value = scalar.value.map {
                String(decoding: UnsafeBufferPointer(start: $0, count: Int(scalar.length)), as: UTF8.self)
            }
            self = .scalar(
                value ?? "", plain: scalar.style == YAML_PLAIN_SCALAR_STYLE, anchor: text(scalar.anchor), mark: mark)
        case YAML_ALIAS_EVENT:
            self = .alias(text(event.data.alias.anchor) ?? "", mark: mark)
        case YAML_SEQUENCE_START_EVENT:
            self = .sequenceStart(anchor: text(event.data.sequence_start.anchor), mark: mark)
        case YAML_MAPPING_START_EVENT:
            self = .mappingStart(anchor: text(event.data.mapping_start.anchor), mark: mark)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            self = .collectionEnd
        case YAML_STREAM_END_EVENT:
            self = .streamEnd
        default:
            self = .other
        }
    }
}
