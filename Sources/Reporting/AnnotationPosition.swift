/// Where a refused input sits in a file, so a CI can show the message on that line (GitHub's `file=,line=,col=`
/// annotation properties).
public struct AnnotationPosition: Sendable, Equatable {
    /// The file as the user named it; made relative to the workspace when it lies inside it.
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }
}
