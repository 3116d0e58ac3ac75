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
    /// The moment the report counts attendance at (internship days before it have passed).
    public var now: Date

    public init(store: Store, campaign: String, timeZone: TimeZone, now: Date) {
        self.store = store
        self.campaign = campaign
        self.timeZone = timeZone
        self.now = now
    }

    var reportSource: StoreReportSource { StoreReportSource(store: store, campaign: campaign, timeZone: timeZone) }

    /// The tables of one export (one for each list, five for the report).
    public func tables(_ kind: ExportKind) throws -> [ExportTable] {
        switch kind {
        case .programmes: return [try formTable(.program, name: "Программы")]
        case .participants: return [try withMotivationScores(try formTable(.participant, name: "Участники"))]
        case .scores: return [try formTable(.score, name: "Оценки")]
        case .invitations: return [try formTable(.rsvp, name: "Ответы на приглашения")]
        case .feedback: return [try formTable(.feedback, name: "Отзывы")]
        case .ideas: return [try formTable(.idea, name: "Идеи")]
        case .attendance: return [try attendance()]
        case .report: return SeasonReport(try reportSource.facts(now: now)).tables
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

    /// Participants with their invitations (programme and answer), whether they count as
    /// selected and as attended (the report's definitions), and whether they sent feedback.
    func attendance() throws -> ExportTable {
        let facts = try reportSource.facts(now: now)
        let byNumber = Dictionary(facts.applicants.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        let rows = try store.pool.read { db in
            let answers = ["pending": "ждём ответа", "confirmed": "ДА", "declined": "НЕТ", "expired": "срок истёк"]
            var invitations: [Int: [String]] = [:]
            for invitation in try Invitation.filter(Column("campaign") == campaign)
                .order(Column("programmeNumber")).fetchAll(db) {
                invitations[invitation.participantNumber, default: []]
                    .append("№ \(invitation.programmeNumber): \(answers[invitation.status] ?? invitation.status)")
            }
            let feedback = Set(try Int.fetchAll(db, sql: "SELECT participantNumber FROM feedback WHERE campaign = ?",
                                                arguments: [campaign]))
            return try Row.fetchAll(db, sql: """
                SELECT p.number, p.fullName FROM participant p WHERE p.campaign = ? ORDER BY p.number
                """, arguments: [campaign]).map { row -> [ExportCell] in
                let number: Int = row["number"]
                let applicant = byNumber[number]
                return [.integer(number), .text(row["fullName"]), .optional(applicant?.organisation),
                        .optional(applicant?.municipality), applicant?.distanceKm.map { .decimal($0) } ?? .empty,
                        .text(applicant?.selected == true ? "да" : "нет"),
                        .optional(invitations[number]?.joined(separator: "; ")),
                        .text(applicant?.attended == true ? "да" : "нет"), .text(feedback.contains(number) ? "да" : "нет")]
            }
        }
        return ExportTable(name: "Посещаемость", columns: [
            ExportColumn("number", "№", width: 6), ExportColumn("full_name", "ФИО", width: 30),
            ExportColumn("organization", "Организация", width: 30),
            ExportColumn("municipal_district", "Муниципальный округ", width: 24),
            ExportColumn("distance_to_perm_km", "Расстояние до Перми (км)", width: 12),
            ExportColumn("selected", "Отобран(а)", width: 10),
            ExportColumn("invitations", "Приглашения и ответы", width: 30),
            ExportColumn("attended", "Прошёл(ла) стажировку", width: 12),
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
