import CloudFront

/// The machine-readable result of a run: printed by `--json` on stdout, shaped as the contract shows.
public struct ResultDocument: Sendable, Equatable {
    /// One invalidation created (or, in a dry run, planned) for one target.
    public struct Entry: Sendable, Equatable {
        public var target: InvalidationTarget
        public var id: String?
        public var status: String?
        public var callerReference: String?
        public var paths: [String]
        public var createTime: String?
        public var elapsedSeconds: Double?
        /// Why this target failed (tenant fan-outs list every tenant, the failed ones with their reason).
        public var error: String? = nil

        public init(
            target: InvalidationTarget, id: String?, status: String?, callerReference: String?, paths: [String],
            createTime: String?, elapsedSeconds: Double?
        ) {
            self.target = target
            self.id = id
            self.status = status
            self.callerReference = callerReference
            self.paths = paths
            self.createTime = createTime
            self.elapsedSeconds = elapsedSeconds
        }
    }

    public var dryRun: Bool
    public var exitCode: Int32
    public var invalidations: [Entry]
    /// Paths of the batches CloudFront accepted: what the run will be billed for (0 in a dry run).
    public var billablePaths: Int
    /// Paths of every planned batch; more than `billablePaths` when a batch failed or was never sent.
    public var plannedBillablePaths: Int
    /// Problems that ended the run, one sentence each.
    public var errors: [String]

    public init(
        dryRun: Bool, exitCode: Int32, invalidations: [Entry], billablePaths: Int, plannedBillablePaths: Int = 0,
        errors: [String] = []
    ) {
        self.dryRun = dryRun
        self.exitCode = exitCode
        self.invalidations = invalidations
        self.billablePaths = billablePaths
        self.plannedBillablePaths = plannedBillablePaths
        self.errors = errors
    }

    /// The document with every text a server or a failure could have filled (errors, paths, references, times)
    /// passed through `redact`: the JSON on stdout and the CI files get the same redaction as the log.
    public func redacted(_ redact: (String) -> String) -> ResultDocument {
        var copy = self
        copy.errors = errors.map(redact)
        copy.invalidations = invalidations.map { entry in
            var entry = entry
            entry.paths = entry.paths.map(redact)
            entry.callerReference = entry.callerReference.map(redact)
            entry.createTime = entry.createTime.map(redact)
            entry.error = entry.error.map(redact)
            return entry
        }
        return copy
    }

    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("dry_run", .bool(dryRun)),
            ("exit_code", .int(Int(exitCode))),
            ("invalidations", .array(invalidations.map(\.json))),
            ("billable_paths", .int(billablePaths)),
            ("planned_billable_paths", .int(plannedBillablePaths)),
        ]
        if !errors.isEmpty { members.append(("errors", .array(errors.map { .string($0) }))) }
        return .object(members)
    }
}

extension ResultDocument.Entry {
    var json: JSONValue {
        let (distribution, tenant): (String?, String?) =
            switch target {
            case .distribution(let id): (id, nil)
            case .tenant(let id): (nil, id)
            }
        var members: [(String, JSONValue)] = [
            ("distribution_id", .optional(distribution)),
            ("tenant_id", .optional(tenant)),
            ("id", .optional(id)),
            ("status", .optional(status)),
            ("caller_reference", .optional(callerReference)),
            ("paths", .array(paths.map { .string($0) })),
            ("create_time", .optional(createTime)),
            ("elapsed_seconds", elapsedSeconds.map { .double(($0 * 10).rounded() / 10) } ?? .null),
        ]
        if let error { members.append(("error", .string(error))) }
        return .object(members)
    }
}
