import TextTrimming

/// Typed readers for single values: each interpolates `${VAR}`, checks the type and records a problem otherwise.
extension PipelineFileDecoder {
    /// A non-empty text value (empty allowed with `allowEmpty`).
    mutating func string(_ node: YAMLNode, _ path: String, allowEmpty: Bool = false) -> String? {
        guard case .scalar(let raw, _) = node.kind, !node.isNull else {
            if node.isNull {
                problem(node.mark, "\(path) has no value; give one, or remove the key.")
            } else {
                problem(node.mark, "\(path) must be a single value, not \(node.shapeName).")
            }
            return nil
        }
        switch Interpolation.expand(raw, environment: environment) {
        case .success(let text):
            if text.isEmpty && !allowEmpty {
                let origin = raw.isEmpty ? "" : " (after expanding '\(raw)')"
                problem(node.mark, "\(path) is empty\(origin); give it a value.")
                return nil
            }
            return text
        case .failure(let failure):
            problem(node.mark, "\(path): \(failure.message)")
            return nil
        }
    }

    /// A distribution or tenant ID: one word, no spaces or commas.
    mutating func identifier(_ node: YAMLNode, _ path: String) -> String? {
        guard let text = string(node, path) else { return nil }
        let trimmed = text.trimmingASCIIWhitespace()
        if trimmed.contains(where: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\n" }) {
            problem(node.mark, "\(path) '\(trimmed)' must be one ID; list each distribution as its own target.")
            return nil
        }
        return trimmed
    }

    /// `true`/`false` (also `yes`/`no`, `on`/`off`, `1`/`0`, so `${VAR}` from CI variables works).
    mutating func bool(_ node: YAMLNode, _ path: String) -> Bool? {
        guard let text = string(node, path) else { return nil }
        guard let value = BooleanValue.parse(text) else {
            problem(node.mark, "\(path) must be true or false, not '\(text)'.")
            return nil
        }
        return value
    }

    /// A whole number above zero.
    mutating func positiveInteger(_ node: YAMLNode, _ path: String) -> Int? {
        guard let text = string(node, path) else { return nil }
        guard let value = Int(text.trimmingASCIIWhitespace()), value > 0 else {
            problem(node.mark, "\(path) must be a whole number above 0, not '\(text)'.")
            return nil
        }
        return value
    }

    /// A duration in seconds: `90s`, `15m`, `1h30m` or a number of seconds.
    mutating func duration(_ node: YAMLNode, _ path: String) -> Int? {
        guard let text = string(node, path) else { return nil }
        if let refusal = DurationText.problem(with: text) {
            problem(node.mark, "\(path) \(refusal)")
            return nil
        }
        return DurationText.seconds(text)
    }

    /// One of an enumeration's raw values, case-insensitive.
    mutating func choice<Value: RawRepresentable & CaseIterable>(
        _ node: YAMLNode, _ path: String, _ type: Value.Type
    ) -> Value? where Value.RawValue == String {
        guard let text = string(node, path) else { return nil }
        guard let value = Value(rawValue: text.trimmingASCIIWhitespace().lowercased()) else {
            let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
            problem(node.mark, "\(path) must be one of \(allowed), not '\(text)'.")
            return nil
        }
        return value
    }

    /// A list of non-empty text values. A `#tag` must be quoted, or YAML reads it as a comment.
    mutating func stringList(_ node: YAMLNode, _ path: String) -> [String]? {
        guard case .sequence(let items) = node.kind else {
            let example =
                if case .scalar(let text, _) = node.kind, !node.isNull { "[\"\(text)\"]" } else { "[\"/index.html\"]" }
            problem(node.mark, "\(path) must be a list, such as \(path.split(separator: ".").last ?? ""): \(example).")
            return nil
        }
        var values: [String] = []
        for (index, item) in items.enumerated() {
            if item.isNull {
                problem(
                    item.mark,
                    "\(path)[\(index)] is empty; quote cache tags (\"#tag\"), because YAML reads an unquoted # as "
                        + "the start of a comment.")
                continue
            }
            if let value = string(item, "\(path)[\(index)]") { values.append(value) }
        }
        return values
    }
}
