// The grant report's rows from the database. What each figure reads:
// * programmes: `programme` rows (received); selected: none until the review work (issue 6)
//   records decisions — `selectedProgrammes` is the hook;
// * applicants: `participant` rows with their current application's `municipal_district`,
//   `distance_to_perm_km`, `organization`; selected = invited (answered an invitation: a
//   current `rsvp` submission from their address) and attended = sent feedback (a current
//   `feedback` submission), until the participant work (issue 7) records both;
// * feedback: current `feedback` submissions (`program_rating`, `competence_before/after`);
// * ideas: current `idea` submissions (`title`, `partners`).
import Foundation
import GRDB
import Reports
import Store

/// Reads `SeasonFacts` for one campaign.
public struct StoreReportSource: Sendable {
    public var store: Store
    public var campaign: String

    public init(store: Store, campaign: String) {
        self.store = store
        self.campaign = campaign
    }

    public func facts() throws -> SeasonFacts {
        try store.pool.read { try facts($0) }
    }

    func facts(_ db: Database) throws -> SeasonFacts {
        let rsvpSenders = Set(try senders(db, kind: "rsvp"))
        let feedbackSenders = Set(try senders(db, kind: "feedback"))
        let selected = try selectedProgrammes(db)
        let programmes = try Row.fetchAll(db, sql: """
            SELECT p.number, p.title, o.name AS org, s.fieldsJSON FROM programme p
            JOIN submission s ON s.id = p.submissionID LEFT JOIN organisation o ON o.id = p.organisationID
            WHERE p.campaign = ? ORDER BY p.number
            """, arguments: [campaign]).map { row -> SeasonFacts.Programme in
            let fields = JSON.decode([String: String].self, row["fieldsJSON"]) ?? [:]
            let number: Int = row["number"]
            return SeasonFacts.Programme(number: number, title: row["title"],
                                         organisation: row["org"] ?? fields["organization"] ?? "",
                                         selected: selected.contains(number))
        }
        let applicants = try Row.fetchAll(db, sql: """
            SELECT p.number, p.email, s.fieldsJSON FROM participant p JOIN submission s ON s.id = p.submissionID
            WHERE p.campaign = ? ORDER BY p.number
            """, arguments: [campaign]).map { row -> SeasonFacts.Applicant in
            let fields = JSON.decode([String: String].self, row["fieldsJSON"]) ?? [:]
            let email: String = row["email"]
            return SeasonFacts.Applicant(
                number: row["number"], organisation: fields["organization"] ?? "",
                municipality: fields["municipal_district"] ?? "", distanceKm: Self.number(fields["distance_to_perm_km"]),
                selected: rsvpSenders.contains(email), attended: feedbackSenders.contains(email))
        }
        let feedback = try current(db, kind: "feedback").map {
            SeasonFacts.Feedback(rating: Self.number($0["program_rating"]), competenceBefore: Self.number($0["competence_before"]),
                                 competenceAfter: Self.number($0["competence_after"]))
        }
        let ideas = try current(db, kind: "idea").map { SeasonFacts.Idea(title: $0["title"] ?? "", partners: $0["partners"]) }
        return SeasonFacts(programmes: programmes, applicants: applicants, feedback: feedback, ideas: ideas)
    }

    /// Programme numbers selected by the coordinators. The review work (issue 6) records
    /// decisions; until then none.
    func selectedProgrammes(_ db: Database) throws -> Set<Int> { [] }

    func senders(_ db: Database, kind: String) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT sender FROM submission WHERE campaign = ? AND kind = ? AND isCurrent",
                            arguments: [campaign, kind])
    }

    /// The fields of the current submissions of `kind`, by number.
    func current(_ db: Database, kind: String) throws -> [[String: String]] {
        try String.fetchAll(db, sql: """
            SELECT fieldsJSON FROM submission WHERE campaign = ? AND kind = ? AND isCurrent ORDER BY number
            """, arguments: [campaign, kind]).map { JSON.decode([String: String].self, $0) ?? [:] }
    }

    /// `85,5` / `85.5` / `120` → a number; anything else nil.
    static func number(_ text: String?) -> Double? {
        guard let text else { return nil }
        return Double(text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "."))
    }
}

extension SeasonFacts {
    /// Distinct organisations among hosts and participants.
    var organisationCount: Int { SeasonReport(self).organisationsReached }
}
