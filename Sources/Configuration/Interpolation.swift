/// Expands `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?message}` and `${VAR?message}` in YAML values,
/// with `$$` for a literal `$`, from an environment passed in (never the process's own).
///
/// Shell rules: the `:` forms treat a set-but-empty variable like an unset one. A default or message runs to the
/// first `}` and is taken literally. Expanded values are never expanded again, so a `$` inside a variable's value
/// stays as it is. `$NAME` without braces is refused (rather than sent as text), because it is almost always a
/// variable that was meant to be expanded; a `$` before anything else is kept.
public enum Interpolation {
    /// Why a value could not be expanded: a whole sentence, without the location (the caller adds it).
    public struct Failure: Error, Sendable, Equatable {
        public var message: String
        /// The variable concerned, when there is one.
        public var variable: String?
    }

    /// The expanded text, or the first problem in it.
    public static func expand(_ text: String, environment: [String: String]) -> Result<String, Failure> {
        guard text.contains("$") else { return .success(text) }
        let characters = Array(text)
        var output = ""
        var index = 0
        // Bounded: every iteration moves `index` forward.
        while index < characters.count {
            let character = characters[index]
            guard character == "$", index + 1 < characters.count else {
                output.append(character)
                index += 1
                continue
            }
            let next = characters[index + 1]
            if next == "$" {
                output.append("$")
                index += 2
                continue
            }
            if next == "_" || (next.isASCII && next.isLetter) {
                let name = String(
                    characters[(index + 1)...].prefix { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) })
                return .failure(
                    Failure(
                        message: "'$\(name)' needs braces to be expanded: write ${\(name)} (or $$\(name) for the "
                            + "literal text).", variable: name))
            }
            guard next == "{" else {
                output.append(character)
                index += 1
                continue
            }
            guard let close = characters[(index + 2)...].firstIndex(of: "}") else {
                return .failure(
                    Failure(
                        message: "'${' is not closed; write ${NAME} with a closing brace, or $$ for a literal $.",
                        variable: nil))
            }
            switch substitute(String(characters[(index + 2)..<close]), environment: environment) {
            case .success(let value): output += value
            case .failure(let failure): return .failure(failure)
            }
            index = close + 1
        }
        return .success(output)
    }

    /// The value of one `${…}` body: `NAME`, `NAME:-default`, `NAME-default`, `NAME:?message` or `NAME?message`.
    private static func substitute(_ body: String, environment: [String: String]) -> Result<String, Failure> {
        let name = String(body.prefix { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) })
        let rest = body.dropFirst(name.count)
        guard let first = name.first, !(first.isNumber) else {
            return .failure(
                Failure(
                    message: "'${\(body)}' does not start with a variable name (letters, digits and _, not starting "
                        + "with a digit).", variable: nil))
        }
        let value = environment[name]
        let emptyCountsAsUnset = rest.hasPrefix(":")
        let operation = emptyCountsAsUnset ? rest.dropFirst() : rest
        let missing = value == nil || (emptyCountsAsUnset && value == "")
        if operation.isEmpty && !emptyCountsAsUnset {
            guard let value else {
                return .failure(
                    Failure(
                        message: "the environment variable \(name) is not set; set it, or write ${\(name):-default} "
                            + "to give a default.", variable: name))
            }
            return .success(value)
        }
        if operation.hasPrefix("-") {
            return .success(missing ? String(operation.dropFirst()) : value ?? "")
        }
        if operation.hasPrefix("?") {
            guard missing else { return .success(value ?? "") }
            var message = String(operation.dropFirst())
            if let last = message.last, !".!?".contains(last) { message += "." }
            let state = value == nil ? "is not set" : "is empty"
            return .failure(
                Failure(
                    message: "the environment variable \(name) \(state)"
                        + (message.isEmpty ? "; set it." : ": \(message)"), variable: name))
        }
        return .failure(
            Failure(
                message: "'${\(body)}' is not a form this file understands; use ${\(name)}, ${\(name):-default} "
                    + "or ${\(name):?message}.", variable: name))
    }
}
