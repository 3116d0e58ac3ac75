// The digest's "waiting for your release" section: issue 6's programme results and
// catalogue, issue 7's participant selection, and outbox mail put on hold — each with the
// command that releases it and the name a reply "ОТПРАВИТЬ <name>" uses.
import Foundation
import GRDB
import Programme
import Rendering
import Store

extension StoreDigestSource {
    /// Everything a release would send now; empty when nothing waits.
    func batches(_ db: Database) throws -> [DigestFacts.Batch] {
        var out: [DigestFacts.Batch] = []
        let campaign = config.campaign
        if let decision = try ReviewDecision.latest(db, campaign: campaign) {
            // The letters `mail release results` would queue (the same pure plan).
            let numbers = try Int.fetchAll(db, sql: "SELECT number FROM programme WHERE campaign = ?", arguments: [campaign])
            let released = try ResultNotice.released(db, campaign: campaign).compactMapValues(Verdict.init(rawValue:))
            let letters = ResultRelease.plan(programmes: numbers, winners: Set(decision.winners), released: released)
            if !letters.isEmpty {
                let corrections = letters.filter { $0.kind == .correction }.count
                out.append(batch(.results, count: letters.count,
                                 name: "Письма о результатах отбора программ (решение, редакция \(decision.revision)"
                                     + (corrections > 0 ? ", из них исправлений \(corrections))" : ")")))
            }
            // The catalogue of the current winners, once results are out, to each publicity
            // address that has not had it (`mail release catalogue`'s dedupe key).
            if letters.isEmpty, !decision.winners.isEmpty, !digest.publicityList.isEmpty {
                let winners = decision.winners.sorted().map(String.init).joined(separator: ",")
                var missing = 0
                for address in Set(digest.publicityList.map { $0.lowercased() })
                where !(try OutboxMessage.exists(db, dedupeKey: "catalogue:\(campaign):\(winners):\(address)")) {
                    missing += 1
                }
                if missing > 0 {
                    out.append(batch(.catalogue, count: missing, name: "Каталог программ-победителей для рассылки"))
                }
            }
        }
        // A selection draft: letters not queued yet to applicants with a decision.
        let draft = try Placement.filter(Column("campaign") == campaign && Column("releasedAt") == nil).fetchCount(db)
        if draft > 0 {
            let people = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM selectionReason r WHERE r.campaign = ? AND NOT EXISTS
                (SELECT 1 FROM outboxMessage o WHERE o.dedupeKey = 'selection:' || r.participantNumber)
                """, arguments: [campaign]) ?? 0
            out.append(batch(.selection, count: people, name: "Письма участникам о результатах отбора (черновик отбора)"))
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT template, GROUP_CONCAT(id) AS ids FROM outboxMessage WHERE state = 'held'
            GROUP BY template ORDER BY template
            """) {
            let template: String = row["template"]
            let ids = ((row["ids"] as String?) ?? "").split(separator: ",").compactMap { Int64($0) }.sorted()
            let kind = ReleaseBatch.held(template: template)
            out.append(DigestFacts.Batch(name: "Письма на паузе (\(template))", count: ids.count,
                                         command: kind.command(heldIDs: ids.count <= 3 ? ids : []), key: kind.name))
        }
        return out
    }

    func batch(_ kind: ReleaseBatch, count: Int, name: String) -> DigestFacts.Batch {
        DigestFacts.Batch(name: name, count: count, command: kind.command(), preview: kind.preview, key: kind.name)
    }

    /// Current `idea` submissions first received after `since` (version 1), oldest first.
    func ideas(_ db: Database, since: Date?) throws -> [DigestFacts.Idea] {
        try Submission.filter(Column("campaign") == config.campaign && Column("kind") == "idea" && Column("isCurrent") == true)
            .order(Column("number")).fetchAll(db).compactMap { submission in
                let first = try Date.fetchOne(db, sql: """
                    SELECT MIN(createdAt) FROM submission WHERE campaign = ? AND kind = 'idea' AND number = ?
                    """, arguments: [config.campaign, submission.number]) ?? submission.createdAt
                if let since, first <= since { return nil }
                let fields = JSON.decode([String: String].self, submission.fieldsJSON) ?? [:]
                return DigestFacts.Idea(number: submission.number, title: fields["title"] ?? "без названия",
                                        sender: submission.sender, partners: fields["partners"])
            }
    }
}
