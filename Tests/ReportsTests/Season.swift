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

    func programme(_ number: Int, org: String, inn: String, title: String, dates: String, from sender: String,
                   at: Date) throws {
        let submissionID = try submit("program", from: sender, number: number, key: "\(sender)|\(title)", at: at, [
            "organization": org, "inn": inn, "program_title": title, "dates": dates, "duration_days": "1",
            "seats": "10", "venue_address": "г. Пермь, ул. Ленина, \(number)", "locality": "Пермь",
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

    /// The season the report test counts by hand (see SeasonReportTests).
    func script() throws {
        let day = Self.perm("2026-09-01T12:00:00")
        try programme(1, org: "АНО «Кама»", inn: "5902000001", title: "Инклюзивный туризм",
                      dates: "2026-09-22, 2026-09-23", from: "kama@example.test", at: day)
        try programme(2, org: "Фонд Ёлка", inn: "5902000002", title: "Школа волонтёров", dates: "2026-10-10",
                      from: "elka@example.test", at: day)
        try programme(3, org: "АНО \"Кама\"", inn: "5902000001", title: "Медиа НКО", dates: "2026-09-25",
                      from: "kama@example.test", at: day)
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
        try submit("feedback", from: "a1@example.test", number: 1, at: day,
                   ["application_number": "1", "program_rating": "5", "competence_before": "4", "competence_after": "8"])
        try submit("feedback", from: "a3@example.test", number: 2, at: day,
                   ["application_number": "1", "program_rating": "4", "competence_before": "6", "competence_after": "9"])
        try submit("feedback", from: "a6@example.test", number: 3, at: day,
                   ["application_number": "2", "program_rating": "3", "competence_before": "5"])
        try submit("idea", from: "a1@example.test", number: 1, at: day, ["title": "Экотропа", "partners": "Центр Парма; Фонд Ёлка"])
        try submit("idea", from: "a6@example.test", number: 2, at: day, ["title": "Медиашкола"])
    }
}
