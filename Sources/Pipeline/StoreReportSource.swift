// The grant report's rows from the database. What each figure reads:
// * programmes: `programme` rows (received); selected = the verdict the host was told is
//   `winner` (issue 6's `resultNotice`, newest per programme): a decision counts once released;
// * applicants: `participant` rows with their current application; municipality and distance
//   from the intake eligibility check (`eligibility`, the place tables) when it placed them,
//   else as written in the form (`municipal_district`, `distance_to_perm_km`);
// * selected = a seat in the released selection (`placement`) or an invitation (a reserve
//   moved up); attended = see `SeasonReport.attendedDefinition` (a confirmed invitation whose
//   programme's last day is before `now`'s day, or a `feedback` row of the participant);
// * feedback: the `feedback` table (one current version per participant and programme:
//   `programRating`, `competenceBefore/After`), not submissions by sender address;
// * ideas: current `idea` submissions (`title`, `partners`).
import Foundation
import GRDB
import Reports
import Store

/// Reads `SeasonFacts` for one campaign.
public struct StoreReportSource: Sendable {
    public var store: Store
    public var campaign: String
    /// The programme's zone: an internship day has passed when it is before today there.
    public var timeZone: TimeZone

    public init(store: Store, campaign: String, timeZone: TimeZone) {
        self.store = store
        self.campaign = campaign
        self.timeZone = timeZone
    }

    /// The season as of `now` (attendance depends on which internship days have passed).
    public func facts(now: Date) throws -> SeasonFacts {
        try store.pool.read { try facts($0, now: now) }
    }

    func facts(_ db: Database, now: Date) throws -> SeasonFacts {
        let feedbackRows = try Feedback.filter(Column("campaign") == campaign)
            .order(Column("participantNumber"), Column("programmeNumber")).fetchAll(db)
        let gaveFeedback = Set(feedbackRows.map(\.participantNumber))
        let selected = try selectedProgrammes(db)
        let lastDays = try lastDays(db)
        let today = day(of: now)
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
        let seated = Set(try Int.fetchAll(db, sql: """
            SELECT participantNumber FROM placement WHERE campaign = ? AND status = 'seated' AND releasedAt IS NOT NULL
            """, arguments: [campaign]))
        let invitations = try Invitation.filter(Column("campaign") == campaign).fetchAll(db)
        let invited = Set(invitations.map(\.participantNumber))
        let confirmedAndPast = Set(invitations.filter { invitation in
            guard invitation.status == "confirmed", let last = lastDays[invitation.programmeNumber] else { return false }
            return last < today
        }.map(\.participantNumber))
        let applicants = try Row.fetchAll(db, sql: """
            SELECT p.number, p.email, s.fieldsJSON, e.municipality, e.distanceKm FROM participant p
            JOIN submission s ON s.id = p.submissionID LEFT JOIN eligibility e ON e.submissionID = p.submissionID
            WHERE p.campaign = ? ORDER BY p.number
            """, arguments: [campaign]).map { row -> SeasonFacts.Applicant in
            let fields = JSON.decode([String: String].self, row["fieldsJSON"]) ?? [:]
            let number: Int = row["number"]
            let placedIn: String? = row["municipality"]
            let placedKm: Double? = row["distanceKm"]
            return SeasonFacts.Applicant(
                number: number, organisation: fields["organization"] ?? "",
                municipality: placedIn ?? fields["municipal_district"] ?? "",
                distanceKm: placedKm ?? Self.number(fields["distance_to_perm_km"]),
                selected: seated.contains(number) || invited.contains(number),
                attended: confirmedAndPast.contains(number) || gaveFeedback.contains(number))
        }
        let feedback = feedbackRows.map {
            SeasonFacts.Feedback(rating: $0.programRating.map(Double.init), competenceBefore: $0.competenceBefore.map(Double.init),
                                 competenceAfter: $0.competenceAfter.map(Double.init))
        }
        let ideas = try current(db, kind: "idea").map { SeasonFacts.Idea(title: $0["title"] ?? "", partners: $0["partners"]) }
        return SeasonFacts(programmes: programmes, applicants: applicants, feedback: feedback, ideas: ideas)
    }

    /// Programme numbers whose host was told they won: the newest `resultNotice` per
    /// programme (a correction replaces the first letter). An unreleased decision counts not.
    func selectedProgrammes(_ db: Database) throws -> Set<Int> {
        Set(try ResultNotice.released(db, campaign: campaign).filter { $0.value == "winner" }.keys)
    }

    /// The last internship day (ISO) of each programme, from its current application.
    func lastDays(_ db: Database) throws -> [Int: String] {
        var out: [Int: String] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT p.number, s.fieldsJSON FROM programme p JOIN submission s ON s.id = p.submissionID WHERE p.campaign = ?
            """, arguments: [campaign]) {
            let fields = JSON.decode([String: String].self, row["fieldsJSON"]) ?? [:]
            let days = (fields["dates"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if let last = days.filter({ ExportCell.isoDate($0) != nil }).max() { out[row["number"]] = last }
        }
        return out
    }

    /// `yyyy-mm-dd` of `date` in the programme's zone.
    func day(of date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 1970, c.month ?? 1, c.day ?? 1)
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
