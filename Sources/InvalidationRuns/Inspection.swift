import CloudFront
import ExitCodes
import Reporting

/// `status` and `list`: read what CloudFront has for one target and write it to the result channel.
public struct Inspection: Sendable {
    let world: any RunWorld
    let reporter: any Reporter

    public init(world: any RunWorld, reporter: any Reporter) {
        self.world = world
        self.reporter = reporter
    }

    /// One invalidation's status: the word, or the JSON document with `--json`.
    public func status(of id: String, target: InvalidationTarget, session: TargetSession) async -> ExitStatus {
        do {
            let invalidation = try await session.client.getInvalidation(target: target, id: id)
            reporter.report(.status(target: target, invalidation: invalidation))
            if session.json {
                let entry = ResultDocument.Entry(
                    target: target, id: invalidation.id, status: invalidation.status.rawValue,
                    callerReference: invalidation.callerReference, paths: invalidation.paths,
                    createTime: invalidation.createTime, elapsedSeconds: nil)
                let document = ResultDocument(
                    dryRun: false, exitCode: ExitStatus.success.code, invalidations: [entry], billablePaths: 0)
                world.writeResult(document.redacted(reporter.redact).json.rendered())
            } else {
                world.writeResult(invalidation.status.rawValue)
            }
            return .success
        } catch {
            reporter.report(.failed(target: target, message: error.explanation))
            return ExitStatus.of(error)
        }
    }

    /// The `limit` most recent invalidations, newest first: one tab-separated line each, or the JSON document.
    public func list(limit: Int, target: InvalidationTarget, session: TargetSession) async -> ExitStatus {
        var items: [InvalidationSummary] = []
        var marker: String? = nil
        do {
            // Pages until `limit` items are seen; bounded by the limit and by CloudFront's page size.
            for _ in 0..<limit {
                let page = try await session.client.listInvalidations(
                    target: target, maxItems: min(100, limit - items.count), marker: marker)
                items += page.items
                guard page.isTruncated, let next = page.nextMarker, items.count < limit else { break }
                marker = next
            }
        } catch {
            reporter.report(.failed(target: target, message: error.explanation))
            return ExitStatus.of(error)
        }
        items = Array(items.prefix(limit))
        if session.json {
            let entries = items.map {
                ResultDocument.Entry(
                    target: target, id: $0.id, status: $0.status.rawValue, callerReference: nil, paths: [],
                    createTime: $0.createTime, elapsedSeconds: nil)
            }
            world.writeResult(
                ResultDocument(
                    dryRun: false, exitCode: ExitStatus.success.code, invalidations: entries, billablePaths: 0
                ).json.rendered())
        } else {
            for item in items {
                world.writeResult("\(item.id)\t\(item.status.rawValue)\t\(item.createTime ?? "-")")
            }
        }
        return .success
    }
}
