// input:  the newest decision's winners and their applications.
// output: the winners' catalogue: rendered (export) or queued to the publicity list (one
//         outboxMessage per address, one transaction).
// crash:  the catalogue mails are committed together or not at all.
// rerun:  the dedupe key names the winners, so the same catalogue is mailed once; a changed
//         list of winners is a new catalogue.
import Foundation
import GRDB
import Programme
import Rendering
import Store

extension Review {
    /// The winners in application-number order: the numbers participants quote.
    public func catalogueEntries() throws -> [Entry] {
        try store.pool.read { try catalogueEntries($0) }
    }

    /// The winners, read in the caller's transaction.
    public func catalogueEntries(_ db: Database) throws -> [Entry] {
        guard let decision = try ReviewDecision.latest(db, campaign: config.campaign) else { throw ReviewError.noDecision }
        let data = try snapshot(db)
        return decision.winners.compactMap { data.entry($0) }
    }

    public func catalogueContext(_ entries: [Entry]) -> [String: TemplateValue] {
        [
            "count": .number(entries.count),
            "apply_to": .text(config.programmeAddress),
            "participant_call": .text(review.participantCallText),
            "programmes": .list(entries.map { entry -> TemplateValue in
                [
                    "number": .number(entry.programme.number), "title": .text(entry.programme.title),
                    "organisation": .text(entry.programme.organisation), "locality": .optional(entry.fields["locality"]),
                    "dates": .optional(entry.fields["dates"]), "seats": .optional(entry.fields["seats"]),
                    "description": .optional(entry.fields["program_description"]),
                ]
            }),
        ]
    }

    /// The catalogue as people read it (subject, text, HTML).
    public func catalogue() throws -> RenderedMail {
        try render("catalogue", catalogueContext(try catalogueEntries()))
    }

    /// The catalogue as CSV (RFC 4180, CRLF), one row per winning programme.
    public func catalogueCSV() throws -> String {
        let header = ["number", "title", "organisation", "locality", "dates", "seats", "description"]
        let rows = try catalogueEntries().map { entry in
            [String(entry.programme.number), entry.programme.title, entry.programme.organisation,
             entry.fields["locality"] ?? "", entry.fields["dates"] ?? "", entry.fields["seats"] ?? "",
             entry.fields["program_description"] ?? ""]
        }
        return ([header] + rows).map { $0.map(CSV.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// Queues the catalogue to each publicity address once per list of winners.
    public func mailCatalogue(now: Date) throws -> Int {
        try store.pool.write { try mailCatalogue($0, now: now) }
    }

    /// `mailCatalogue(now:)` inside the caller's transaction.
    public func mailCatalogue(_ db: Database, now: Date) throws -> Int {
        let entries = try catalogueEntries(db)
        let winners = entries.map { String($0.programme.number) }.joined(separator: ",")
        var queued = 0
        for address in review.publicityList {
            let key = "catalogue:\(config.campaign):\(winners):\(address)"
            if try queue(db, dedupeKey: key, template: "catalogue", to: address, context: catalogueContext(entries),
                         cause: "command:mail-release-catalogue", now: now) != nil { queued += 1 }
        }
        return queued
    }
}

/// RFC 4180 fields; a leading = + - @ is prefixed with ' so spreadsheets do not run it.
public enum CSV {
    public static func field(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
