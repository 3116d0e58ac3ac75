// A scripted season in a real SQLite file, written through the Store API only.
import Foundation
import GRDB
@testable import Pipeline
import Store

final class Season: @unchecked Sendable {
    let directory: URL
    let store: Store
    let campaign = "2026"
    var uid: Int64 = 0

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try Store(path: directory.appendingPathComponent("internships.sqlite").path)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    static func perm(_ iso: String) -> Date {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: iso + "+05:00") ?? Date(timeIntervalSince1970: 0)
    }

    static func json(_ fields: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(fields)) ?? Data(), as: UTF8.self)
    }

    /// One inbound message in its final state; returns its id.
    @discardableResult
    func inbound(from sender: String?, subject: String? = "Заявка", body: String = "Текст", at: Date,
                 state: InboundMessage.State = .parsed, class kind: String = "human",
                 disposition: InboundMessage.Disposition = .submitted, form: FormResult? = nil) throws -> Int64 {
        uid += 1
        let raw = Data("From: \(sender ?? "")\r\nSubject: \(subject ?? "")\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\(body)\r\n".utf8)
        var row = InboundMessage(mailbox: "INBOX", uidValidity: 1, uid: uid, messageID: "m\(uid)@example.test",
                                 sha256: String(repeating: "0", count: 64 - String(uid).count) + String(uid), raw: raw,
                                 fetchedAt: at, state: state)
        row.class = kind
        row.sender = sender
        row.subject = subject
        row.processedAt = at
        row.appliedAt = at
        row.disposition = disposition
        if let form {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            row.formJSON = String(decoding: try encoder.encode(form), as: UTF8.self)
        }
        try store.pool.write { try row.insert($0) }
        return row.id ?? 0
    }

    /// A submission (and its inbound message); `version > 1` retires the earlier current one.
    @discardableResult
    func submit(_ kind: String, from sender: String, number: Int, version: Int = 1, key: String? = nil,
                at: Date, _ fields: [String: String]) throws -> Int64 {
        let inboundID = try inbound(from: sender, at: at)
        return try store.pool.write { db in
            let key = key ?? sender
            try db.execute(sql: "UPDATE submission SET isCurrent = 0 WHERE campaign = ? AND kind = ? AND key = ?",
                           arguments: [campaign, kind, key])
            var row = Submission(campaign: campaign, kind: kind, number: number, version: version, key: key,
                                 inboundMessageID: inboundID, sender: sender, fieldsJSON: Self.json(fields),
                                 isCurrent: true, createdAt: at)
            try row.insert(db)
            return row.id ?? 0
        }
    }

    func programme(_ number: Int, org: String, inn: String, title: String, dates: String, seats: Int = 10,
                   from sender: String, at: Date) throws {
        let submissionID = try submit("program", from: sender, number: number, key: "\(sender)|\(title)", at: at, [
            "organization": org, "inn": inn, "program_title": title, "dates": dates, "duration_days": "1",
            "seats": String(seats), "venue_address": "г. Пермь, ул. Ленина, \(number)", "locality": "Пермь",
        ])
        try store.pool.write { db in
            let orgID = try Organisation.upsert(db, campaign: campaign, inn: inn, name: org, locality: "Пермь")
            try Programme.upsert(db, Programme(campaign: campaign, number: number, organisationID: orgID, title: title,
                                               submissionID: submissionID))
        }
    }

    func participant(_ number: Int, email: String, name: String, org: String, district: String, km: String,
                     version: Int = 1, at: Date) throws {
        let submissionID = try submit("participant", from: email, number: number, version: version, at: at, [
            "full_name": name, "organization": org, "municipal_district": district, "distance_to_perm_km": km,
            "email": email, "position": "employee", "locality": district,
        ])
        try store.pool.write { db in
            try Participant.upsert(db, Participant(campaign: campaign, email: email, fullName: name, number: number,
                                                   submissionID: submissionID))
        }
    }

    /// A feedback form as apply records it: the submission (keyed by sender and the request's
    /// programme) and the typed `feedback` row the report reads.
    func feedback(_ participant: Int, programme: Int?, from sender: String, number: Int, version: Int = 1, at: Date,
                  rating: Int?, before: Int?, after: Int?) throws {
        var fields = ["application_number": String(participant)]
        fields["program_rating"] = rating.map(String.init)
        fields["competence_before"] = before.map(String.init)
        fields["competence_after"] = after.map(String.init)
        let submissionID = try submit("feedback", from: sender, number: number, version: version,
                                      key: "\(sender)|FB-\(programme.map(String.init) ?? "?")", at: at, fields)
        _ = try store.pool.write { db in
            try Feedback.record(db, Feedback(campaign: campaign, submissionID: submissionID, participantNumber: participant,
                                             programmeNumber: programme, programRating: rating, competenceBefore: before,
                                             competenceAfter: after, useful: nil, willApply: nil, suggestions: nil,
                                             createdAt: at))
        }
    }

    /// A motivation score as the CSV import or a score sheet by mail records it.
    func motivation(_ participant: Int, scorer: String, score: Int, comment: String?, at: Date) throws {
        _ = try store.pool.write { db in
            try MotivationScore.record(db, MotivationScore(campaign: campaign, participantNumber: participant, scorer: scorer,
                                                           score: score, comment: comment, source: "mail", createdAt: at))
        }
    }

    /// The season the report test counts by hand (see SeasonReportTests).
    func script() throws {
        let day = Self.perm("2026-09-01T12:00:00")
        try programme(1, org: "АНО «Кама»", inn: "5902000001", title: "Инклюзивный туризм",
                      dates: "2026-09-22, 2026-09-23", seats: 3, from: "kama@example.test", at: day)
        try programme(2, org: "Фонд Ёлка", inn: "5902000002", title: "Школа волонтёров", dates: "2026-10-10",
                      from: "elka@example.test", at: day)
        try programme(3, org: "АНО \"Кама\"", inn: "5902000001", title: "Медиа НКО", dates: "2026-09-25",
                      seats: 2, from: "kama@example.test", at: day)
        try participant(1, email: "a1@example.test", name: "Анна Первая", org: "Центр Парма", district: "Кудымкарский",
                        km: "140", at: day)
        try participant(1, email: "a1@example.test", name: "Анна Первая", org: "Центр Парма", district: "Кудымкарский",
                        km: "145", version: 2, at: day)
        try participant(2, email: "a2@example.test", name: "Борис Второй", org: "центр  парма", district: "Кудымкарский",
                        km: "150", at: day)
        try participant(3, email: "a3@example.test", name: "Вера Третья", org: "АНО «Кама»", district: "Чернушинский",
                        km: "85,5", at: day)
        try participant(4, email: "a4@example.test", name: "Глеб Четвёртый", org: "Клуб Ветеран", district: "Пермский",
                        km: "30", at: day)
        try participant(5, email: "a5@example.test", name: "Дарья Пятая", org: "Клуб ветеран", district: "Пермский",
                        km: "50", at: day)
        try participant(6, email: "a6@example.test", name: "Егор Шестой", org: "НКО Гайны", district: "Гайнский",
                        km: "200", at: day)
        try submit("rsvp", from: "a1@example.test", number: 1, at: day, ["answer": "ДА"])
        try submit("rsvp", from: "a2@example.test", number: 2, at: day, ["answer": "ДА"])
        try submit("rsvp", from: "a3@example.test", number: 3, at: day, ["answer": "НЕТ"])
        try feedback(1, programme: 1, from: "a1@example.test", number: 1, at: day,
                     rating: 5, before: 4, after: 8)
        try feedback(3, programme: 3, from: "a3@example.test", number: 2, at: day,
                     rating: 4, before: 6, after: 9)
        try feedback(6, programme: 3, from: "a6@example.test", number: 3, at: day,
                     rating: 3, before: 5, after: nil)
        try submit("idea", from: "a1@example.test", number: 1, at: day, ["title": "Экотропа", "partners": "Центр Парма; Фонд Ёлка"])
        try submit("idea", from: "a6@example.test", number: 2, at: day, ["title": "Медиашкола"])
        // Issue 6: decision revision 1 (winners 1 and 3), released: every host heard.
        let decided = Self.perm("2026-09-05T12:00:00")
        try decide(revision: 1, winners: [1, 3], at: decided)
        try notice(1, "winner", revision: 1, at: decided)
        try notice(2, "not_selected", revision: 1, at: decided)
        try notice(3, "winner", revision: 1, at: decided)
        // Issue 7: the released selection and the invitations so far.
        // № 1 (3 seats): a1 a2 a5 seated, a4 in reserve; a1 a2 ДА, a5 НЕТ (a4 not invited yet).
        // № 3 (2 seats): a3 a6 seated, a5 in reserve; a3 ДА, a6 silent past the deadline (then a late
        // ДА, waiting for a freed seat), a5 invited.
        try place(1, [1, 2, 5], reserve: [4], at: decided)
        try place(3, [3, 6], reserve: [5], at: decided)
        try invite(1, 1, "confirmed", deadline: Self.perm("2026-09-12T23:59:00"), at: decided)
        try invite(1, 2, "confirmed", deadline: Self.perm("2026-09-12T23:59:00"), at: decided)
        try invite(1, 5, "declined", deadline: Self.perm("2026-09-12T23:59:00"), at: decided)
        try invite(3, 3, "confirmed", deadline: Self.perm("2026-09-12T23:59:00"), at: decided)
        try invite(3, 6, "expired", deadline: Self.perm("2026-09-12T23:59:00"), at: decided,
                   lateYesAt: Self.perm("2026-09-14T10:00:00"))
        try invite(3, 5, "pending", deadline: Self.perm("2026-09-23T23:59:00"), at: Self.perm("2026-09-13T09:00:00"))
        // The intake check placed a6 by the settlement table (not as written in the form).
        try placeByTable(6, municipality: "Гайнский муниципальный округ", km: 230.4)
    }

    func decide(revision: Int, winners: [Int], at: Date) throws {
        try store.pool.write { db in
            var row = ReviewDecision(campaign: campaign, revision: revision, rule: "winners \(winners.count)", winners: winners,
                                     createdAt: at)
            try row.insert(db)
        }
    }

    /// A result letter sent to programme `number`'s host.
    func notice(_ number: Int, _ verdict: String, revision: Int, at: Date) throws {
        try store.pool.write { db in
            var mail = OutboxMessage(dedupeKey: "result:\(campaign):\(number):r\(revision)",
                                     template: verdict == "winner" ? "result_winner" : "result_not_selected",
                                     recipient: "host\(number)@example.test", messageID: "r\(number).\(revision)@example.test",
                                     raw: Data("x".utf8), causeInboundID: nil, createdAt: at)
            mail.state = .sent
            mail.sentAt = at
            try mail.insert(db)
            var row = ResultNotice(campaign: campaign, programmeNumber: number, verdict: verdict, kind: "result",
                                   decisionRevision: revision, outboxMessageID: mail.id ?? 0, createdAt: at)
            try row.insert(db)
        }
    }

    /// Placements of programme `number`, released unless `released` is false.
    func place(_ number: Int, _ seated: [Int], reserve: [Int], at: Date, released: Bool = true) throws {
        try store.pool.write { db in
            for (status, people) in [("seated", seated), ("reserve", reserve)] {
                for (index, participant) in people.enumerated() {
                    var row = Placement(campaign: campaign, programmeNumber: number, participantNumber: participant,
                                        status: status, rank: index + 1, decidedAt: at, releasedAt: released ? at : nil)
                    try row.insert(db)
                }
            }
        }
    }

    func invite(_ programme: Int, _ participant: Int, _ status: String, deadline: Date, at: Date,
                lateYesAt: Date? = nil) throws {
        try store.pool.write { db in
            var row = Invitation(campaign: campaign, programmeNumber: programme, participantNumber: participant,
                                 token: "INV-\(programme)X\(participant)", status: status, deadline: deadline, createdAt: at,
                                 answeredAt: ["confirmed", "declined"].contains(status) ? at : nil)
            row.lateYesAt = lateYesAt
            try row.insert(db)
        }
    }

    /// The intake eligibility decision for participant `number`'s current application.
    func placeByTable(_ number: Int, municipality: String, km: Double) throws {
        try store.pool.write { db in
            guard let person = try Participant.filter(Column("campaign") == campaign && Column("number") == number).fetchOne(db)
            else { return }
            try EligibilityRecord(submissionID: person.submissionID, campaign: campaign, participantNumber: number,
                                  outcome: "eligible", flagsJSON: "[]", settlement: nil, municipality: municipality,
                                  distanceKm: km, sentence: "ok", decidedAt: Self.perm("2026-09-01T12:00:00")).insert(db)
        }
    }
}
