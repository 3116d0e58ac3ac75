import Foundation
import Testing
@testable import Settings

@Suite struct ValueTypeTests {
    static let days: [(String, String?)] = [
        ("2027-07-01", "2027-07-01"), ("2028-02-29", "2028-02-29"), ("2027-02-29", nil),
        ("2100-02-29", nil), ("2000-02-29", "2000-02-29"), ("2027-7-1", nil), ("2027-13-01", nil),
        ("2027-04-31", nil), ("01.07.2027", nil), ("2027-07-01T00:00", nil), ("", nil), ("２０２７-07-01", nil),
    ]

    @Test(arguments: days)
    func calendarDayParsesOnlyISODates(text: String, want: String?) {
        #expect(CalendarDay(iso: text)?.description == want)
    }

    static let times: [(String, String?)] = [("15:00", "15:00"), ("9:05", "09:05"), ("24:00", nil), ("12:60", nil), ("1500", nil), ("12:5", nil)]

    @Test(arguments: times)
    func clockTimeParsesHoursAndMinutes(text: String, want: String?) {
        #expect(ClockTime(text: text)?.description == want)
    }

    @Test(arguments: [("2027-06-30", DateWindow.Position.notOpenYet), ("2027-07-01", .open), ("2027-07-31", .open), ("2027-08-01", .closed)])
    func windowPositionIsInclusive(day: String, want: DateWindow.Position) throws {
        let window = DateWindow(first: try #require(CalendarDay(iso: "2027-07-01")), last: try #require(CalendarDay(iso: "2027-07-31")))
        #expect(window.position(of: try #require(CalendarDay(iso: day))) == want)
    }

    static let suggestions: [(String, [String], String?)] = [
        ("imap_ulr", ["imap_url", "user"], "imap_url"),
        ("organization", ["organisation", "territory"], "organisation"),
        ("pasword_file", ["password_file", "password_env"], "password_file"),
        ("colour", ["name", "email"], nil),
        ("x", ["name", "email"], nil),
    ]

    @Test(arguments: suggestions)
    func suggestionsAreNearMissesOnly(key: String, known: [String], want: String?) {
        #expect(KeySuggestion.nearest(to: key, among: known) == want)
    }

    static let addresses: [(String, String?, String?)] = [
        ("Стажировки НКО Прикамья <intake@example.test>", "Стажировки НКО Прикамья", "intake@example.test"),
        ("\"Quoted Name\" <a@B.Example.ORG>", "Quoted Name", "a@b.example.org"),
        ("intake@localhost", nil, "intake@localhost"),
        ("no-at-sign", nil, nil), ("a@b", nil, nil), ("a b@c.org", nil, nil), ("<a@b.org", nil, nil),
    ]

    @Test(arguments: addresses)
    func namedAddressParses(text: String, name: String?, address: String?) {
        let got = NamedAddress(parsing: text)
        #expect(got?.address == address)
        #expect(got?.displayName == name)
    }

    @Test func retryDelayRepeatsTheLastStep() {
        let d = DeliverySettings(retrySchedule: [.seconds(60), .seconds(600)], lifetime: .seconds(3600))
        #expect([0, 1, 2, 3, 9].map { d.delay(afterFailedAttempts: $0) } == [.seconds(60), .seconds(60), .seconds(600), .seconds(600), .seconds(600)])
    }
}
