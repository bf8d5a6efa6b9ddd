extension Array where Element == UInt8 {
    /// These bytes as lowercase hex, e.g. a digest for a SigV4 string or a manifest line.
    public var hexString: String { Hex.encode(self) }
}
