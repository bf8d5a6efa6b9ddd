/// One HTTP header as the caller will send it; names compare case-insensitively when signing.
public struct SigV4Header: Sendable, Equatable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
