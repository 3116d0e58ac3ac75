// The digest's invitation sections: RSVP state per programme and the internships of the
// next 7 days, from issue 7's `invitation` and `placement` rows and the programme forms.
import Foundation
import GRDB
import Rendering
import Store

extension StoreDigestSource {
    /// Per programme with a released selection or an invitation: seats (programme form),
    /// invitations by status, the earliest deadline of the silent ones, late ДА waiting for a
    /// freed seat, and the released reserve places not invited yet.
    func rsvp(_ db: Database) throws -> [DigestFacts.RSVPLine] {
        let invitations = try Invitation.filter(Column("campaign") == config.campaign).fetchAll(db)
        let reserve = try Placement.filter(Column("campaign") == config.campaign && Column("releasedAt") != nil
                                           && Column("status") == "reserve").fetchAll(db)
        let seated = try Placement.filter(Column("campaign") == config.campaign && Column("releasedAt") != nil
                                          && Column("status") == "seated").fetchAll(db)
        let numbers = Set(invitations.map(\.programmeNumber)).union(reserve.map(\.programmeNumber))
            .union(seated.map(\.programmeNumber))
        let details = try programmeDetails(db)
        return numbers.sorted().map { number in
            let mine = invitations.filter { $0.programmeNumber == number }
            let invited = Set(mine.map(\.participantNumber))
            let silent = mine.filter { $0.status == "pending" }
            return DigestFacts.RSVPLine(
                programme: number, title: details[number]?.title ?? "", seats: details[number]?.seats ?? 0,
                invited: mine.count, confirmed: mine.filter { $0.status == "confirmed" }.count,
                declined: mine.filter { $0.status == "declined" }.count, silent: silent.count,
                silentDeadline: silent.map(\.deadline).min().map(dotted),
                expired: mine.filter { $0.status == "expired" }.count,
                reserveLeft: reserve.filter { $0.programmeNumber == number && !invited.contains($0.participantNumber) }.count,
                lateYes: mine.filter { $0.lateYesAt != nil }.count)
        }
    }

    /// Internship days in the 7 days from today. Once programme results are released, only the
    /// days of programmes whose host was told they won (the others do not take place); with
    /// confirmed counts once the programme has invitations.
    func upcoming(_ db: Database, now: Date) throws -> [DigestFacts.Upcoming] {
        let today = config.day(of: now)
        let end = config.day(of: now.addingTimeInterval(7 * 86_400))
        let heard = try ResultNotice.released(db, campaign: config.campaign)
        let winners = heard.isEmpty ? nil : Set(heard.filter { $0.value == "winner" }.keys)
        let invitations = try Invitation.filter(Column("campaign") == config.campaign).fetchAll(db)
        var result: [DigestFacts.Upcoming] = []
        for (number, detail) in try programmeDetails(db) where winners?.contains(number) ?? true {
            let mine = invitations.filter { $0.programmeNumber == number }
            for day in detail.days where day >= today && day < end {
                result.append(DigestFacts.Upcoming(
                    date: Self.dotted(iso: day), programme: number, title: detail.title, organisation: detail.organisation,
                    venue: detail.venue, confirmed: mine.isEmpty ? nil : mine.filter { $0.status == "confirmed" }.count,
                    seats: mine.isEmpty ? nil : detail.seats))
            }
        }
        return result.sorted { ($0.date.split(separator: ".").reversed().joined(), $0.programme)
            < ($1.date.split(separator: ".").reversed().joined(), $1.programme) }
    }

    struct ProgrammeDetail {
        var title: String
        var seats: Int
        /// ISO days, `2026-09-22`.
        var days: [String]
        var organisation: String?
        var venue: String?
    }

    /// Each programme's current application: title, seats, days, host, venue.
    func programmeDetails(_ db: Database) throws -> [Int: ProgrammeDetail] {
        try ProgrammeApplication.fetchAll(db, campaign: config.campaign).mapValues { application in
            ProgrammeDetail(title: application.title, seats: application.seats, days: application.days,
                            organisation: application.fields["organization"], venue: application.fields["venue_address"])
        }
    }
}
