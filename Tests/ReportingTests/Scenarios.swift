import CloudFront

@testable import Reporting

/// Runs as the core reports them: the event sequences the golden files render.
enum Scenario: String, CaseIterable, Sendable {
    case success
    case multiTarget = "multi-target"
    case retry
    case timeout
    case failure

    static let distribution = InvalidationTarget.distribution("E2EXAMPLE1")
    static let second = InvalidationTarget.distribution("E3EXAMPLE2")
    static let tenant = InvalidationTarget.tenant("dt_2abcEXAMPLE")

    var events: [RunEvent] {
        switch self {
        case .success: Self.successEvents
        case .multiTarget: Self.multiTargetEvents
        case .retry: Self.retryEvents
        case .timeout: Self.timeoutEvents
        case .failure: Self.failureEvents
        }
    }

    static func plan(_ target: InvalidationTarget, _ paths: [String], batches: Int = 1) -> RunEvent {
        .planned(
            TargetPlanSummary(
                target: target, paths: paths, batchCount: batches, billablePaths: paths.count,
                wildcardCount: paths.filter { $0.hasSuffix("*") }.count))
    }

    static func entry(
        _ target: InvalidationTarget, _ id: String?, _ status: String?, _ paths: [String], elapsed: Double?
    ) -> ResultDocument.Entry {
        ResultDocument.Entry(
            target: target, id: id, status: status, callerReference: id.map { "gh-123-1-\($0)" }, paths: paths,
            createTime: id == nil ? nil : "2026-11-21T10:00:00Z", elapsedSeconds: elapsed)
    }

    static let successEvents: [RunEvent] = [
        .configurationRead(sources: ["flags", "environment"]),
        .notice("Added a leading / to index.html."),
        plan(distribution, ["/index.html", "/assets/*"]),
        .credentialsResolved(source: "environment"),
        .created(
            target: distribution, invalidation: Invalidation(id: "I2J0EXAMPLE1", status: .inProgress), batch: 1,
            batchCount: 1),
        .detail("CreateInvalidation answered 201 in 0.4s (request ID 5c8f1a2e-EXAMPLE)."),
        .statusChanged(target: distribution, id: "I2J0EXAMPLE1", status: .completed, elapsedSeconds: 41.2),
        .finished(
            ResultDocument(
                dryRun: false, exitCode: 0,
                invalidations: [
                    entry(distribution, "I2J0EXAMPLE1", "Completed", ["/index.html", "/assets/*"], elapsed: 41.2)
                ],
                billablePaths: 2, plannedBillablePaths: 2)),
    ]

    static let multiTargetEvents: [RunEvent] = [
        plan(distribution, (1...25).map { "/docs/page-\($0).html" }, batches: 2),
        plan(second, ["/index.html"]),
        plan(tenant, ["#product-123"]),
        .created(
            target: second, invalidation: Invalidation(id: "I3K1EXAMPLE2", status: .inProgress), batch: 1,
            batchCount: 1),
        .created(
            target: distribution, invalidation: Invalidation(id: "I4L2EXAMPLE3", status: .inProgress), batch: 1,
            batchCount: 2),
        .created(
            target: distribution, invalidation: Invalidation(id: "I5M3EXAMPLE4", status: .inProgress), batch: 2,
            batchCount: 2),
        .created(
            target: tenant, invalidation: Invalidation(id: "I6N4EXAMPLE5", status: .inProgress), batch: 1,
            batchCount: 1),
        .heartbeat(elapsedSeconds: 60, completed: 1, total: 4),
        .statusChanged(target: second, id: "I3K1EXAMPLE2", status: .completed, elapsedSeconds: 35),
        .statusChanged(target: distribution, id: "I4L2EXAMPLE3", status: .completed, elapsedSeconds: 62),
        .statusChanged(target: distribution, id: "I5M3EXAMPLE4", status: .completed, elapsedSeconds: 75.4),
        .statusChanged(target: tenant, id: "I6N4EXAMPLE5", status: .completed, elapsedSeconds: 125),
        .finished(
            ResultDocument(
                dryRun: false, exitCode: 0,
                invalidations: [
                    entry(
                        distribution, "I4L2EXAMPLE3", "Completed", (1...15).map { "/docs/page-\($0).html" }, elapsed: 62
                    ),
                    entry(
                        distribution, "I5M3EXAMPLE4", "Completed", (16...25).map { "/docs/page-\($0).html" },
                        elapsed: 75.4),
                    entry(second, "I3K1EXAMPLE2", "Completed", ["/index.html"], elapsed: 35),
                    entry(tenant, "I6N4EXAMPLE5", "Completed", ["#product-123"], elapsed: 125),
                ],
                billablePaths: 27, plannedBillablePaths: 27)),
    ]

    static let retryEvents: [RunEvent] = [
        plan(distribution, ["/index.html"]),
        .retrying(
            operation: "CreateInvalidation", attempt: 1, delaySeconds: 1.234,
            reason: "HTTP 503 ServiceUnavailable (request ID 7d2e-EXAMPLE)"),
        .retrying(operation: "CreateInvalidation", attempt: 2, delaySeconds: 2, reason: "connection reset by peer"),
        .created(
            target: distribution, invalidation: Invalidation(id: "I7P5EXAMPLE6", status: .inProgress), batch: 1,
            batchCount: 1),
        .finished(
            ResultDocument(
                dryRun: false, exitCode: 0,
                invalidations: [entry(distribution, "I7P5EXAMPLE6", "InProgress", ["/index.html"], elapsed: 3.5)],
                billablePaths: 1, plannedBillablePaths: 1)),
    ]

    static let timeoutEvents: [RunEvent] = [
        plan(distribution, ["/index.html", "/app.js"]),
        .created(
            target: distribution, invalidation: Invalidation(id: "I8Q6EXAMPLE7", status: .inProgress), batch: 1,
            batchCount: 1),
        .heartbeat(elapsedSeconds: 60, completed: 0, total: 1),
        .timedOut(
            inProgress: ["I8Q6EXAMPLE7"], resume: "cloudfront-invalidate wait -d E2EXAMPLE1 --id I8Q6EXAMPLE7",
            asWarning: false),
        .finished(
            ResultDocument(
                dryRun: false, exitCode: 124,
                invalidations: [
                    entry(distribution, "I8Q6EXAMPLE7", "InProgress", ["/index.html", "/app.js"], elapsed: nil)
                ],
                billablePaths: 2, plannedBillablePaths: 2)),
    ]

    static let failureEvents: [RunEvent] = [
        plan(distribution, ["/index.html"]),
        plan(second, ["/a|b<script>.html"]),
        .created(
            target: distribution, invalidation: Invalidation(id: "I9R7EXAMPLE8", status: .inProgress), batch: 1,
            batchCount: 1),
        .failed(
            target: second,
            message:
                "CloudFront refused the request: NoSuchDistribution: The specified distribution does not exist, "
                + "100% sure (request ID 1a2b-EXAMPLE). Check the distribution ID (-d)."),
        .finished(
            ResultDocument(
                dryRun: false, exitCode: 1,
                invalidations: [entry(distribution, "I9R7EXAMPLE8", "InProgress", ["/index.html"], elapsed: 0.8)],
                billablePaths: 1, plannedBillablePaths: 2,
                errors: ["distribution E3EXAMPLE2: CloudFront refused the request: NoSuchDistribution."])),
    ]
}
