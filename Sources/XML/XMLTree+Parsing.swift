internal import CExpat

extension XMLTree {
    /// Parses a whole document into its root element, refusing DTDs/entities and enforcing `limits`.
    ///
    /// Any DOCTYPE is refused before expat reads its internal subset, so entity expansion ("billion laughs") and
    /// external entities (XXE) can never happen; the entity-declaration handler is a second guard. The bytes are read
    /// as UTF-8 whatever the declaration says: AWS sends nothing else.
    public static func parse(_ bytes: [UInt8], limits: XMLLimits = XMLLimits()) throws(XMLParseError) -> XMLTree {
        // expat takes the length as a C int, so the cap can never exceed Int32.max whatever `limits` says.
        guard bytes.count <= min(limits.maxDocumentBytes, Int(Int32.max)) else {
            throw XMLParseError(
                kind: .documentTooLarge, line: 0, column: 0,
                message: "the document is \(bytes.count) bytes, more than the limit of \(limits.maxDocumentBytes)")
        }
        guard let parser = XML_ParserCreateNS("UTF-8", TreeBuilder.separator) else {
            throw XMLParseError(kind: .malformed, line: 0, column: 0, message: "expat could not create a parser")
        }
        defer { XML_ParserFree(parser) }
        let builder = TreeBuilder(parser: parser, limits: limits)
        let context = Unmanaged.passRetained(builder)
        defer { context.release() }
        XML_SetUserData(parser, context.toOpaque())
        XML_SetElementHandler(parser, TreeBuilder.onStart, TreeBuilder.onEnd)
        XML_SetCharacterDataHandler(parser, TreeBuilder.onText)
        XML_SetStartDoctypeDeclHandler(parser, TreeBuilder.onDoctype)
        XML_SetEntityDeclHandler(parser, TreeBuilder.onEntityDecl)
        _ = XML_SetParamEntityParsing(parser, XML_PARAM_ENTITY_PARSING_NEVER)

        let status = bytes.withUnsafeBytes { buffer in
            XML_Parse(parser, buffer.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(buffer.count), 1)
        }
        if let failure = builder.failure { throw failure }
        guard status == XML_STATUS_OK else {
            let message = XML_ErrorString(XML_GetErrorCode(parser)).map { String(cString: $0) } ?? "unknown error"
            throw XMLParseError(
                kind: .malformed, line: Int(XML_GetCurrentLineNumber(parser)),
                column: Int(XML_GetCurrentColumnNumber(parser)) + 1, message: message)
        }
        guard let root = builder.root else {
            throw XMLParseError(kind: .malformed, line: 1, column: 1, message: "no root element")
        }
        return root
    }
}

/// Builds the tree from expat's callbacks; reached through the parser's user data, so there is no global state.
private final class TreeBuilder {
    /// Separates namespace URI and local name in the names expat reports; U+0001 cannot occur in XML 1.0 names
    /// or URIs, so splitting on it is unambiguous.
    static let separator: XML_Char = 0x01

    let parser: XML_Parser
    let limits: XMLLimits
    /// Open elements, innermost last, with their character data still as bytes.
    var stack: [(tree: XMLTree, text: [UInt8])] = []
    var root: XMLTree?
    var elementCount = 0
    var failure: XMLParseError?

    init(parser: XML_Parser, limits: XMLLimits) {
        self.parser = parser
        self.limits = limits
    }

    /// The builder behind a callback's user-data pointer (not retained: `parse` owns it).
    static func builder(_ pointer: UnsafeMutableRawPointer?) -> TreeBuilder {
        Unmanaged<TreeBuilder>.fromOpaque(pointer!).takeUnretainedValue()
    }

    /// Records the first failure at the parser's current position and stops parsing.
    func stop(_ kind: XMLParseError.Kind, _ message: String) {
        guard failure == nil else { return }
        failure = XMLParseError(
            kind: kind, line: Int(XML_GetCurrentLineNumber(parser)),
            column: Int(XML_GetCurrentColumnNumber(parser)) + 1, message: message)
        XML_StopParser(parser, 0)
    }

    /// Splits expat's `uri<U+0001>local` form.
    static func split(_ raw: UnsafePointer<XML_Char>) -> (uri: String?, local: String) {
        let full = String(cString: raw)
        guard let index = full.unicodeScalars.lastIndex(of: "\u{1}") else { return (nil, full) }
        return (
            String(full.unicodeScalars[..<index]),
            String(full.unicodeScalars[full.unicodeScalars.index(after: index)...])
        )
    }

    static let onStart: XML_StartElementHandler = { userData, name, attributes in
        let builder = TreeBuilder.builder(userData)
        guard builder.failure == nil, let name else { return }
        builder.elementCount += 1
        if builder.elementCount > builder.limits.maxElements {
            builder.stop(.tooManyElements, "the document has more than \(builder.limits.maxElements) elements")
            return
        }
        if builder.stack.count >= builder.limits.maxDepth {
            builder.stop(.tooDeep, "elements are nested deeper than \(builder.limits.maxDepth) levels")
            return
        }
        let (uri, local) = split(name)
        var tree = XMLTree(name: local, namespaceURI: uri)
        if let attributes {
            var index = 0
            while let key = attributes[index], let value = attributes[index + 1] {
                tree.attributes[split(key).local] = String(cString: value)
                index += 2
            }
        }
        builder.stack.append((tree, []))
    }

    static let onEnd: XML_EndElementHandler = { userData, _ in
        let builder = TreeBuilder.builder(userData)
        guard builder.failure == nil, let (element, text) = builder.stack.popLast() else { return }
        var tree = element
        tree.text = String(decoding: text, as: UTF8.self)
        if builder.stack.isEmpty {
            builder.root = tree
        } else {
            builder.stack[builder.stack.count - 1].tree.children.append(tree)
        }
    }

    static let onText: XML_CharacterDataHandler = { userData, characters, length in
        let builder = TreeBuilder.builder(userData)
        guard builder.failure == nil, let characters, length > 0, !builder.stack.isEmpty else { return }
        characters.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
            builder.stack[builder.stack.count - 1].text.append(
                contentsOf: UnsafeBufferPointer(start: $0, count: Int(length)))
        }
    }

    static let onDoctype: XML_StartDoctypeDeclHandler = { userData, _, _, _, _ in
        TreeBuilder.builder(userData).stop(
            .entityDeclaration,
            "entity declarations are not allowed (the document has a DOCTYPE, which may declare them)")
    }

    static let onEntityDecl: XML_EntityDeclHandler = { userData, _, _, _, _, _, _, _, _ in
        TreeBuilder.builder(userData).stop(.entityDeclaration, "entity declarations are not allowed")
    }
}
