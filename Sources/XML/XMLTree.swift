/// One XML element with its attributes, child elements and character data: enough to read AWS query/REST-XML answers.
///
/// Names are local names: the namespace URI (or prefix) is stripped so callers match `"Invalidation"` whatever
/// namespace the service declared. The URI is kept in `namespaceURI` for callers that care.
public struct XMLTree: Sendable, Equatable {
    /// The element's local name, without prefix or namespace URI.
    public var name: String
    /// The namespace URI the element's name was bound to, if any.
    public var namespaceURI: String?
    /// Attributes by local name (namespace declarations themselves are not reported).
    public var attributes: [String: String]
    /// Child elements in document order.
    public var children: [XMLTree]
    /// The element's own character data, concatenated in document order (entities and CDATA resolved).
    public var text: String

    public init(
        name: String, namespaceURI: String? = nil, attributes: [String: String] = [:], children: [XMLTree] = [],
        text: String = ""
    ) {
        self.name = name
        self.namespaceURI = namespaceURI
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    /// The first child element with local name `name`.
    public func child(_ name: String) -> XMLTree? {
        children.first { $0.name == name }
    }

    /// Every child element with local name `name`, in document order.
    public func children(named name: String) -> [XMLTree] {
        children.filter { $0.name == name }
    }

    /// The text of the first child element named `name`, or nil when there is no such child.
    public func childText(_ name: String) -> String? {
        child(name)?.text
    }

    /// Follows a chain of child names (`tree.descendant("Paths", "Items")`), taking the first match at each step.
    public func descendant(_ names: String...) -> XMLTree? {
        var current = self
        for name in names {
            guard let next = current.child(name) else { return nil }
            current = next
        }
        return current
    }
}
