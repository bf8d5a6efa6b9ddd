import CloudFront
import Configuration
import ExitCodes
import Reporting
import Resilience
import Synchronization
import TenantFanOut

extension TenantRun {
    /// Creates and waits for every selected tenant's invalidations, then reports the outcome.
    func fanOut(_ selected: [Selected], inputs: ResolvedInputs, client: CloudFrontClient, gate: RequestGate) async
        -> ExitStatus
    {
        let clock = world.clock
        let start = clock.now()
        let nonce = CreateRun.randomNonce()
        let environment = world.environment
        let groups = selected.map {
            TenantGroup(
                batches: $0.target.batches, wait: $0.target.inputs.wait,
                deadline: start + .seconds($0.target.inputs.timeoutSeconds))
        }
        var jobs: [TenantJob] = []
        jobs.reserveCapacity(selected.reduce(0) { $0 + $1.tenantIDs.count * $1.target.batches.count })
        for (group, item) in selected.enumerated() {
            for tenant in item.tenantIDs {
                for (batch, paths) in item.target.batches.enumerated() {
                    jobs.append(
                        TenantJob(
                            tenantID: tenant, group: group, batch: batch,
                            callerReference: CallerReference.forTenant(
                                explicit: item.target.inputs.callerReference, tenantID: tenant, paths: paths,
                                batchIndex: batch, batchCount: item.target.batches.count, environment: environment,
                                nonce: { nonce })))
                }
            }
        }
        guard !jobs.isEmpty else {
            reporter.report(.notice("No tenant was selected: nothing to invalidate."))
            run.finish(
                ResultDocument(dryRun: false, exitCode: ExitStatus.success.code, invalidations: [], billablePaths: 0),
                json: inputs.json)
            return .success
        }

        let board = TenantBoard(jobs: jobs, groups: groups)
        let json = inputs.json
        let reporter = self.reporter
        let pacer = ProgressPacer(
            every: reporter.showsLiveProgress ? Self.liveProgressInterval : Self.logProgressInterval, from: start)
        let report: @Sendable () async -> Void = {
            guard pacer.isDue(at: clock.now()) else { return }
            let line = await Self.progress(board: board, gate: gate, since: start, clock: clock).line
            reporter.report(.progress(line))
        }
        let fanOut = TenantFanOut(
            operations: Self.operations(client, afterEach: report), clock: clock, sleeper: world.sleeper,
            concurrency: pacing.concurrency,
            onCreated: { [world] _, invalidation, _ in if !json { world.writeResult(invalidation.id) } })
        let outcome = await fanOut.run(jobs, groups: groups, startedAt: start, board: board)
        let final = await Self.progress(board: board, gate: gate, since: start, clock: clock)
        return finish(outcome, final: final, selected: selected, inputs: inputs)
    }

    /// How often the live line on a terminal is rewritten.
    static let liveProgressInterval: Duration = .seconds(1)
    /// How often a CI log (or any log that is not a terminal) gets a progress line.
    static let logProgressInterval: Duration = .seconds(30)

    /// The counts now, with the gate's rate and totals.
    static func progress(board: TenantBoard, gate: RequestGate, since start: Duration, clock: any MonotonicClock)
        async -> TenantProgress
    {
        let gateNow = await gate.snapshot
        return await board.progress(
            elapsedSeconds: (clock.now() - start).seconds, rate: gateNow.rate, requests: gateNow.sent,
            throttled: gateNow.throttled)
    }

    /// The client's create and get, their errors classified for the fan-out; `afterEach` runs after every call
    /// (the progress line, on the run's own clock: no timer task of its own).
    static func operations(_ client: CloudFrontClient, afterEach: @escaping @Sendable () async -> Void)
        -> TenantFanOut.Operations
    {
        TenantFanOut.Operations(
            create: { tenant, paths, reference throws(TenantFailure) in
                let result: Result<Invalidation, CloudFrontClientError>
                do throws(CloudFrontClientError) {
                    result = .success(
                        try await client.createInvalidation(
                            target: .tenant(tenant), paths: paths, callerReference: reference))
                } catch {
                    result = .failure(error)
                }
                await afterEach()
                switch result {
                case .success(let invalidation): return invalidation
                case .failure(let error): throw failure(error)
                }
            },
            status: { tenant, id throws(TenantFailure) in
                let result: Result<InvalidationStatus, CloudFrontClientError>
                do throws(CloudFrontClientError) {
                    result = .success(try await client.getInvalidation(target: .tenant(tenant), id: id).status)
                } catch {
                    result = .failure(error)
                }
                await afterEach()
                switch result {
                case .success(let status): return status
                case .failure(let error): throw failure(error)
                }
            })
    }

    /// What a client failure means for one tenant: retry later, wait for room, fail this tenant, or stop.
    static func failure(_ error: CloudFrontClientError) -> TenantFailure {
        let status = ExitStatus.of(error)
        let message = error.explanation
        var reason = message
        if case .service(let service, _) = error {
            reason =
                "CloudFront answered \(service.status) \(service.code ?? "")"
                + (service.message.map { ": \($0)" } ?? "")
        }
        func failure(_ kind: TenantFailure.Kind) -> TenantFailure {
            TenantFailure(kind: kind, message: message, exitCode: status.code, reason: reason)
        }
        switch error {
        case .service(let service, _) where service.code == "TooManyInvalidationsInProgress":
            return failure(.busy)
        case .service(let service, _) where service.code == "AccessDenied" || service.code == "AccessDeniedException":
            // May be scoped to some tenants by IAM: fail this tenant, go on with the others.
            return failure(.permanent)
        case .transport(let transport, _) where transport.kind == .tls || transport.kind == .invalidRequest:
            return failure(.fatal)
        default:
            switch status {
            case .credentials: return failure(.fatal)
            case .unavailable: return failure(.retryable)
            default: return failure(.permanent)
            }
        }
    }
}

/// Says when the next progress line is due: at most one per interval, whichever worker asks first.
final class ProgressPacer: Sendable {
    private let next: Mutex<Duration>
    private let interval: Duration

    init(every interval: Duration, from start: Duration) {
        self.interval = interval
        next = Mutex(start + interval)
    }

    /// True once per interval: for the first caller at or after the due time, which moves it on.
    func isDue(at now: Duration) -> Bool {
        next.withLock { due in
            guard now >= due else { return false }
            due = now + interval
            return true
        }
    }
}
