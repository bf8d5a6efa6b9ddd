/// Builds an XML document as text, escaping every text and attribute value it is given.
///
/// Escaping: `&`, `<`, `>`, `"` and `'` become entity references everywhere; in text, CR becomes `&#13;` (a literal
/// CR would be read back as LF); in attributes, TAB, LF and CR become character references (a parser would turn
/// them into spaces). Characters XML 1.0 forbids outright (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE,
/// U+FFFF) cannot be written even as references, so they are **stripped**; callers that must not lose them (paths)
/// validate first with `XMLWriter.isAllowed(_:)`. Element and attribute names are not escaped: they come from code.
public struct XMLWriter: Sendable {
    /// The document written so far.
    public private(set) var text: String
    /// Names of the elements opened and not yet closed, innermost last.
    private var open: [String] = []

    /// The XML declaration AWS SDKs put first, followed by a newline (botocore's exact bytes).
    public static let declaration = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"

    /// Starts a document, with the XML declaration unless `declaration` is false.
    public init(declaration: Bool = true) {
        text = declaration ? Self.declaration : ""
    }

    /// Opens `<name attr="value"…>`; attributes keep the given order.
    public mutating func start(_ name: String, attributes: [(name: String, value: String)] = []) {
        text += "<" + name
        for attribute in attributes {
            text += " " + attribute.name + "=\"" + Self.escapeAttribute(attribute.value) + "\""
        }
        text += ">"
        open.append(name)
    }

    /// Closes the innermost open element.
    public mutating func end() {
        guard let name = open.popLast() else { preconditionFailure("XMLWriter.end() without an open element") }
        text += "</" + name + ">"
    }

    /// Writes `<name>escaped text</name>`.
    public mutating func element(_ name: String, _ content: String) {
        text += "<" + name + ">" + Self.escapeText(content) + "</" + name + ">"
    }

    /// Writes an element whose content is produced by `body`, closing it afterwards.
    public mutating func element(
        _ name: String, attributes: [(name: String, value: String)] = [], _ body: (inout XMLWriter) -> Void
    ) {
        start(name, attributes: attributes)
        body(&self)
        end()
    }

    /// Appends escaped character data to the current element.
    public mutating func characters(_ content: String) {
        text += Self.escapeText(content)
    }

    /// The finished document as UTF-8 bytes; every opened element must have been closed.
    public var bytes: [UInt8] {
        precondition(open.isEmpty, "XMLWriter.bytes with unclosed elements: \(open)")
        return Array(text.utf8)
    }

    /// Whether XML 1.0 allows `scalar` in a document at all (production `Char`).
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// Escapes character data; strips characters XML 1.0 forbids.
    public static func escapeText(_ value: String) -> String {
        escape(value, inAttribute: false)
    }

    /// Escapes a double-quoted attribute value; strips characters XML 1.0 forbids.
    public static func escapeAttribute(_ value: String) -> String {
        escape(value, inAttribute: true)
    }

    /// The shared escaping loop, by Unicode scalar.
    private static func escape(_ value: String, inAttribute: Bool) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(value.unicodeScalars.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\r": result += "&#13;"
            case "\n" where inAttribute: result += "&#10;"
            case "\t" where inAttribute: result += "&#9;"
            default:
                if isAllowed(scalar) { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }
}
