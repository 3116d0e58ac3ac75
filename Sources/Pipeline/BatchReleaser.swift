// Releases a `ReleaseBatch` through the very functions the CLI commands call
// (`mail release results|catalogue`, `mail release selection`, `outbox retry`), so a release
// by reply and one typed in a terminal cannot differ. The release runs in the caller's
// transaction: a release by reply commits it with its answer and the reply's handled mark.
import Foundation
import GRDB
import Rendering
import Store

/// Releases a batch; returns how many messages it queued.
public protocol BatchReleaser {
    /// Writes the release in `db` (the caller's transaction) and nowhere else; never opens one.
    func release(_ batch: ReleaseBatch, in db: Database, now: Date) throws -> Int
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

    /// The release in its own transaction, as a command typed in a terminal.
    public func release(_ batch: ReleaseBatch, now: Date) throws -> Int {
        try review.store.pool.write { try release(batch, in: $0, now: now) }
    }

    public func release(_ batch: ReleaseBatch, in db: Database, now: Date) throws -> Int {
        switch batch {
        case .results:
            return try review.releaseResults(db, now: now).letters.count
        case .catalogue:
            return try review.mailCatalogue(db, now: now)
        case .selection:
            return try desk.release(db, templates: templates, campaignTitle: campaignTitle, config: review.config, now: now).queued
        case .held(let template):
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM outboxMessage WHERE state = 'held' AND template = ? ORDER BY id",
                                         arguments: [template])
            for id in ids { try review.store.outboxRetry(db, id: id, now: now) }
            return ids.count
        }
    }
}
