/// Where in a file a problem is: the file as the user named it, and the 1-based line and column.
///
/// Kept apart from the `location` text so a CI can place the problem on the file (GitHub's `file=,line=,col=`).
public struct FilePosition: Sendable, Equatable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }
}
