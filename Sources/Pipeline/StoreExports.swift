// `internships export …`: the tables coordinators hand to the grant fund. Columns are the
// form's field ids (product.md) with the blank form's Russian labels as headers.
import Foundation
import Forms
import GRDB
import Reports
import Store

/// What can be exported.
public enum ExportKind: String, Sendable, CaseIterable {
    case programmes, participants, scores, invitations, attendance, feedback, ideas, report
}

/// Builds export tables from the database.
public struct StoreExports: Sendable {
    public var store: Store
    public var campaign: String
    public var timeZone: TimeZone

    public init(store: Store, campaign: String, timeZone: TimeZone) {
        self.store = store
        self.campaign = campaign
        self.timeZone = timeZone
    }

    /// The tables of one export (one for each list, four for the report).
    public func tables(_ kind: ExportKind) throws -> [ExportTable] {
        switch kind {
        case .programmes: return [try formTable(.program, name: "Программы")]
        case .participants: return [try formTable(.participant, name: "Участники")]
        case .scores: return [try formTable(.score, name: "Оценки")]
        case .invitations: return [try formTable(.rsvp, name: "Ответы на приглашения")]
        case .feedback: return [try formTable(.feedback, name: "Отзывы")]
        case .ideas: return [try formTable(.idea, name: "Идеи")]
        case .attendance: return [try attendance()]
        case .report: return SeasonReport(try StoreReportSource(store: store, campaign: campaign).facts()).tables
        }
    }

    /// The current version of every form of `kind`: number, version, day received, sender,
    /// then one column per field of the blank form.
    func formTable(_ kind: FormKind, name: String) throws -> ExportTable {
        let specs = kind.fields
        let columns = [
            ExportColumn("number", "№", width: 6), ExportColumn("version", "Версия", width: 8),
            ExportColumn("received", "Получено", width: 12), ExportColumn("sender", "Отправитель", width: 28),
        ] + specs.map { ExportColumn($0.id, $0.label, width: Self.width($0.type)) }
        let rows = try store.pool.read { db in
            try Submission.filter(Column("campaign") == campaign && Column("kind") == kind.rawValue
                                  && Column("isCurrent") == true).order(Column("number")).fetchAll(db)
        }.map { submission -> [ExportCell] in
            let fields = JSON.decode([String: String].self, submission.fieldsJSON) ?? [:]
            return [.integer(submission.number), .integer(submission.version), day(submission.createdAt),
                    .text(submission.sender)]
                + specs.map { Self.cell(fields[$0.id], type: $0.type) }
        }
        return ExportTable(name: name, columns: columns, rows: rows)
    }

    /// Participants with whether they answered an invitation and sent feedback.
    func attendance() throws -> ExportTable {
        let rows = try store.pool.read { db in
            let answered = try Row.fetchAll(db, sql: """
                SELECT sender, fieldsJSON FROM submission WHERE campaign = ? AND kind = 'rsvp' AND isCurrent
                """, arguments: [campaign]).reduce(into: [String: String]()) { map, row in
                map[row["sender"]] = (JSON.decode([String: String].self, row["fieldsJSON"]) ?? [:])["answer"] ?? ""
            }
            let feedback = Set(try String.fetchAll(db, sql: """
                SELECT sender FROM submission WHERE campaign = ? AND kind = 'feedback' AND isCurrent
                """, arguments: [campaign]))
            return try Row.fetchAll(db, sql: """
                SELECT p.number, p.email, p.fullName, s.fieldsJSON FROM participant p
                JOIN submission s ON s.id = p.submissionID WHERE p.campaign = ? ORDER BY p.number
                """, arguments: [campaign]).map { row -> [ExportCell] in
                let fields = JSON.decode([String: String].self, row["fieldsJSON"]) ?? [:]
                let email: String = row["email"]
                return [.integer(row["number"]), .text(row["fullName"]), .optional(fields["organization"]),
                        .optional(fields["municipal_district"]),
                        Self.cell(fields["distance_to_perm_km"], type: .decimal),
                        .optional(answered[email]), .text(feedback.contains(email) ? "да" : "нет")]
            }
        }
        return ExportTable(name: "Посещаемость", columns: [
            ExportColumn("number", "№", width: 6), ExportColumn("full_name", "ФИО", width: 30),
            ExportColumn("organization", "Организация", width: 30),
            ExportColumn("municipal_district", "Муниципальный округ", width: 24),
            ExportColumn("distance_to_perm_km", "Расстояние до Перми (км)", width: 12),
            ExportColumn("answer", "Ответ на приглашение", width: 14),
            ExportColumn("feedback_sent", "Отзыв получен", width: 12),
        ], rows: rows)
    }

    /// A stored display value as a typed cell: numbers as numbers, one day as a date, several
    /// days as `dd.mm.yyyy, dd.mm.yyyy` text; INN and phone stay text (leading zeros, `+`).
    static func cell(_ value: String?, type: ValueType) -> ExportCell {
        guard let value, !value.isEmpty else { return .empty }
        switch type {
        case .integer, .durationDays, .score10, .rating5, .selfRating10, .applicationNumber:
            return Int(value.filter(\.isNumber)).map { .integer($0) } ?? .text(value)
        case .decimal:
            return StoreReportSource.number(value).map { .decimal($0) } ?? .text(value)
        case .dates:
            let days = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if days.count == 1, let date = ExportCell.isoDate(days[0]) { return date }
            return .text(days.map { day in
                day.split(separator: "-").count == 3 ? day.split(separator: "-").reversed().joined(separator: ".") : day
            }.joined(separator: ", "))
        default:
            return .text(value)
        }
    }

    static func width(_ type: ValueType) -> Int {
        switch type {
        case .multilineText: return 40
        case .title, .text, .programChoices: return 28
        case .email: return 26
        case .dates: return 24
        case .phone, .inn: return 14
        default: return 10
        }
    }

    func day(_ date: Date) -> ExportCell {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return .date(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)
    }
}
