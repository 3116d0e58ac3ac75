// Each programme's current application, as the participant desk and the digest read it: its
// title and the fields of the form it was registered from.
import Foundation
import GRDB

struct ProgrammeApplication {
    var title: String
    var fields: [String: String]

    /// "10 человек" → 10; 0 when the form gave no number.
    var seats: Int { Int((fields["seats"] ?? "").filter(\.isNumber)) ?? 0 }
    /// The form's dates, as written, e.g. ISO days `2026-09-22`.
    var days: [String] { (fields["dates"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }

    /// By programme number.
    static func fetchAll(_ db: Database, campaign: String) throws -> [Int: ProgrammeApplication] {
        var out: [Int: ProgrammeApplication] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT p.number, p.title, s.fieldsJSON FROM programme p JOIN submission s ON s.id = p.submissionID
            WHERE p.campaign = ?
            """, arguments: [campaign]) {
            out[row["number"]] = ProgrammeApplication(title: row["title"],
                                                      fields: JSON.decode([String: String].self, row["fieldsJSON"]) ?? [:])
        }
        return out
    }
}
