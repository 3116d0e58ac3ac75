// Releases a `ReleaseBatch` through the very functions the CLI commands call
// (`mail release results|catalogue`, `mail release selection`, `outbox retry`), so a release
// by reply and one typed in a terminal cannot differ. Each is its own transaction there.
import Foundation
import GRDB
import Rendering
import Store

/// Releases a batch; returns how many messages it queued.
public protocol BatchReleaser {
    func release(_ batch: ReleaseBatch, now: Date) throws -> Int
}

/// The production releaser over the review, the participant desk and the outbox.
public struct StandardBatchReleaser: BatchReleaser {
    public var review: Review
    public var desk: ParticipantDesk
    public var templates: TemplateSet
    public var campaignTitle: String

    public init(review: Review, desk: ParticipantDesk, templates: TemplateSet, campaignTitle: String) {
        self.review = review
        self.desk = desk
        self.templates = templates
        self.campaignTitle = campaignTitle
    }

    public func release(_ batch: ReleaseBatch, now: Date) throws -> Int {
        switch batch {
        case .results:
            return try review.releaseResults(now: now).letters.count
        case .catalogue:
            return try review.mailCatalogue(now: now)
        case .selection:
            return try desk.release(templates: templates, campaignTitle: campaignTitle, config: review.config, now: now).queued
        case .held(let template):
            let ids = try review.store.pool.read { db in
                try Int64.fetchAll(db, sql: "SELECT id FROM outboxMessage WHERE state = 'held' AND template = ? ORDER BY id",
                                   arguments: [template])
            }
            for id in ids { _ = try review.store.outboxRetry(id: id, now: now) }
            return ids.count
        }
    }
}
