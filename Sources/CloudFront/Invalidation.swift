import TextTrimming

/// The status of an invalidation: CloudFront says `InProgress` or `Completed`; others are kept verbatim.
public enum InvalidationStatus: Sendable, Hashable, CustomStringConvertible {
    case inProgress
    case completed
    case other(String)

    /// Reads a status case-insensitively (moto answers `COMPLETED`); `_`, `-` and spaces are ignored too.
    public init(_ raw: String) {
        let trimmed = raw.trimmingASCIIWhitespace()
        let folded = String(trimmed.lowercased().filter { $0 != "_" && $0 != "-" && $0 != " " })
        switch folded {
        case "inprogress": self = .inProgress
        case "completed": self = .completed
        default: self = .other(trimmed)
        }
    }

    /// Whether the invalidation has finished (the only state a waiter stops on with success).
    public var isCompleted: Bool { self == .completed }

    /// CloudFront's spelling: `InProgress`, `Completed`, or the unknown value as received.
    public var rawValue: String {
        switch self {
        case .inProgress: "InProgress"
        case .completed: "Completed"
        case .other(let raw): raw
        }
    }

    public var description: String { rawValue }
}

/// One invalidation as CreateInvalidation and GetInvalidation (and their tenant variants) return it.
public struct Invalidation: Sendable, Equatable {
    /// CloudFront's ID, e.g. `IDFDVBD632BHDS5`.
    public var id: String
    public var status: InvalidationStatus
    /// ISO 8601 time as CloudFront wrote it (kept as text: it is only displayed and reported).
    public var createTime: String?
    public var callerReference: String?
    /// The paths of the batch, as CloudFront echoes them.
    public var paths: [String]
    /// The `Location` header of a create answer: the invalidation's URL.
    public var location: String?

    public init(
        id: String, status: InvalidationStatus, createTime: String? = nil, callerReference: String? = nil,
        paths: [String] = [], location: String? = nil
    ) {
        self.id = id
        self.status = status
        self.createTime = createTime
        self.callerReference = callerReference
        self.paths = paths
        self.location = location
    }
}

/// One entry of a ListInvalidations page.
public struct InvalidationSummary: Sendable, Equatable {
    public var id: String
    public var status: InvalidationStatus
    public var createTime: String?

    public init(id: String, status: InvalidationStatus, createTime: String? = nil) {
        self.id = id
        self.status = status
        self.createTime = createTime
    }
}

/// One page of ListInvalidations: newest first; pass `nextMarker` as `marker` for the next page.
public struct InvalidationList: Sendable, Equatable {
    public var items: [InvalidationSummary]
    public var isTruncated: Bool
    public var nextMarker: String?

    public init(items: [InvalidationSummary], isTruncated: Bool, nextMarker: String? = nil) {
        self.items = items
        self.isTruncated = isTruncated
        self.nextMarker = nextMarker
    }
}
