import CloudFront

/// One invalidation to make for one tenant: a batch of one target's paths, with its CallerReference.
public struct TenantJob: Sendable, Equatable {
    public var tenantID: String
    /// Index into the fan-out's groups (one per target of the run), which hold the paths and the wait settings.
    public var group: Int
    /// Index into the group's batches.
    public var batch: Int
    public var callerReference: String

    public init(tenantID: String, group: Int, batch: Int, callerReference: String) {
        self.tenantID = tenantID
        self.group = group
        self.batch = batch
        self.callerReference = callerReference
    }
}

/// What one target of the run sends to each of its tenants and how long it waits.
public struct TenantGroup: Sendable, Equatable {
    public var batches: [[String]]
    public var wait: Bool
    /// When creating and waiting stop, on the fan-out's clock.
    public var deadline: Duration

    public init(batches: [[String]], wait: Bool, deadline: Duration) {
        self.batches = batches
        self.wait = wait
        self.deadline = deadline
    }
}

/// Why a tenant's request failed, as the caller classifies it: what the fan-out should do next.
public struct TenantFailure: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Throttling, 5xx, a dropped connection: safe to try again (the CallerReference makes a create idempotent).
        case retryable
        /// CloudFront's in-progress limit for this tenant is full: try again once some complete.
        case busy
        /// This tenant's request was refused (validation, not found): the tenant failed, the others go on.
        case permanent
        /// Every tenant would fail the same way (credentials, access denied to the operation): stop the run.
        case fatal
    }

    public var kind: Kind
    /// One sentence for the log and the result document (with the request ID, when there is one).
    public var message: String
    /// The exit status this failure stands for (1, 69, 77, …).
    public var exitCode: Int32
    /// What tenants failing the same way share (the message without request IDs): the log groups by it.
    public var reason: String

    public init(kind: Kind, message: String, exitCode: Int32, reason: String? = nil) {
        self.kind = kind
        self.message = message
        self.exitCode = exitCode
        self.reason = reason ?? message
    }
}

/// What became of one job.
public struct TenantResult: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        /// Created and seen Completed (or created, when the group does not wait).
        case completed
        case created
        /// Created, still InProgress when the deadline passed.
        case inProgress
        case failed(TenantFailure)
        /// Not created before the deadline or before the run stopped.
        case notSent
    }

    public var job: TenantJob
    public var state: State
    public var invalidation: Invalidation?
    /// CloudFront answered the create with an invalidation that was already Completed: an earlier attempt of this
    /// CI job made it.
    public var alreadyDone: Bool
    /// Seconds from the start of the fan-out to Completed (or to creation, when not waiting).
    public var elapsedSeconds: Double?
}
