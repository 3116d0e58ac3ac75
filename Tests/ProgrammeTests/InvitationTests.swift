import Foundation
import Testing
@testable import Programme

@Suite struct InvitationRulesTests {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)
    static let week = Duration.seconds(7 * 86_400)

    static func state(_ spec: String) -> InvitationState {
        // `programme:participant:status:deadlineDays`
        let p = spec.split(separator: ":").map(String.init)
        // `expired+yes`: expired, then a ДА came too late.
        return InvitationState(programme: Int(p[0]) ?? 0, participant: Int(p[1]) ?? 0,
                               status: InvitationState.Status(rawValue: p[2].replacingOccurrences(of: "+yes", with: "")) ?? .pending,
                               deadline: t0.addingTimeInterval((Double(p[3]) ?? 0) * 86_400), lateYes: p[2].hasSuffix("+yes"))
    }

    static func render(_ actions: [InvitationAction]) -> [String] {
        actions.map {
            switch $0 {
            case .expire(let p, let n): "expire \(p):\(n)"
            case .invite(let p, let n, _): "invite \(p):\(n)"
            case .confirmLate(let p, let n): "confirm late \(p):\(n)"
            }
        }
    }

    @Test(arguments: [
        // Initial: the queue is the seated then the reserve.
        ("first invitations", [String](), [10: [1, 2, 3]], [10: 2], 1, ["invite 10:1", "invite 10:2"]),
        ("all answered or pending: nothing", ["10:1:confirmed:5", "10:2:pending:5"], [10: [1, 2, 3]], [10: 2], 1, []),
        ("a decline promotes the next", ["10:1:confirmed:5", "10:2:declined:5"], [10: [1, 2, 3, 4]], [10: 2], 1, ["invite 10:3"]),
        ("silence past the deadline expires and promotes", ["10:1:confirmed:5", "10:2:pending:-1"], [10: [1, 2, 3]], [10: 2], 1,
         ["expire 10:2", "invite 10:3"]),
        ("reserve exhausted", ["10:1:declined:5", "10:2:declined:5"], [10: [1, 2]], [10: 2], 1, []),
        ("never re-invite a decliner", ["10:1:declined:5"], [10: [1]], [10: 1], 1, []),
        ("K=1: holder of a seat elsewhere skipped", ["20:3:confirmed:5", "10:1:declined:5"], [10: [1, 3, 4], 20: [3]],
         [10: 1, 20: 1], 1, ["invite 10:4"]),
        ("K=2: holder may take a second", ["20:3:confirmed:5", "10:1:declined:5"], [10: [1, 3, 4], 20: [3]],
         [10: 1, 20: 1], 2, ["invite 10:3"]),
        ("deadline exactly now is not past", ["10:1:pending:0"], [10: [1, 2]], [10: 1], 1, []),
        ("a late ДА gets the freed seat before the reserve", ["10:1:expired+yes:-3", "10:2:declined:5"], [10: [1, 2, 3]],
         [10: 1], 1, ["confirm late 10:1"]),
        ("late ДА waits while the seat is held", ["10:1:expired+yes:-3", "10:2:confirmed:5"], [10: [1, 2, 3]], [10: 1], 1, []),
        ("late ДА holding a seat elsewhere (K=1) is skipped", ["10:1:expired+yes:-3", "20:1:confirmed:5", "10:2:declined:5"],
         [10: [1, 2, 3], 20: [1]], [10: 1, 20: 1], 1, ["invite 10:3"]),
    ])
    func actions(name: String, states: [String], queue: [Int: [Int]], seats: [Int: Int], k: Int, want: [String]) {
        let got = InvitationRules.actions(invitations: states.map(Self.state), reserve: queue, seats: seats,
                                          now: Self.t0, answerWithin: Self.week, maxPerPerson: k)
        #expect(Self.render(got) == want, "\(name)")
    }

    @Test func applyingActionsIsAFixedPoint() {
        var states = ["10:1:confirmed:5", "10:2:pending:-1", "20:5:declined:1"].map(Self.state)
        let queue = [10: [1, 2, 3, 4], 20: [5, 6, 3]]
        let seats = [10: 2, 20: 1]
        let first = InvitationRules.actions(invitations: states, reserve: queue, seats: seats, now: Self.t0, answerWithin: Self.week)
        for action in first {
            switch action {
            case .expire(let p, let n):
                if let i = states.firstIndex(where: { $0.programme == p && $0.participant == n }) { states[i].status = .expired }
            case .invite(let p, let n, let d):
                states.append(InvitationState(programme: p, participant: n, status: .pending, deadline: d))
            case .confirmLate(let p, let n):
                if let i = states.firstIndex(where: { $0.programme == p && $0.participant == n }) { states[i].status = .confirmed }
            }
        }
        #expect(Self.render(first) == ["expire 10:2", "invite 10:3", "invite 20:6"])
        #expect(InvitationRules.actions(invitations: states, reserve: queue, seats: seats, now: Self.t0,
                                        answerWithin: Self.week).isEmpty)
    }
}

@Suite struct InvitationCalendarTests {
    static let event = InvitationEvent(
        uid: "perm-2026-p2-n17@internships.example.test", sequence: 1,
        start: DateComponents(year: 2026, month: 10, day: 15, hour: 10, minute: 0),
        end: DateComponents(year: 2026, month: 10, day: 15, hour: 17, minute: 30),
        summary: "Стажировка: Инклюзивный туризм", location: "г. Пермь, ул. Ленина, 1; 2 этаж",
        description: "Контакт: Петрова Анна, +73422123456\nВзять: паспорт", organizerEmail: "intake@example.test",
        organizerName: "Стажировки НКО", attendeeEmail: "p@example.test", attendeeName: "Лунёв, Пётр")

    @Test func requiredLines() {
        let text = InvitationCalendar.text(Self.event, stamp: Date(timeIntervalSince1970: 1_790_000_000))
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        let lines = unfolded.components(separatedBy: "\r\n")
        for want in [
            "METHOD:REQUEST", "TZID:Asia/Yekaterinburg", "TZOFFSETTO:+0500",
            "UID:perm-2026-p2-n17@internships.example.test", "SEQUENCE:1", "DTSTAMP:20260921T141320Z",
            "DTSTART;TZID=Asia/Yekaterinburg:20261015T100000", "DTEND;TZID=Asia/Yekaterinburg:20261015T173000",
            "LOCATION:г. Пермь\\, ул. Ленина\\, 1\\; 2 этаж",
            "DESCRIPTION:Контакт: Петрова Анна\\, +73422123456\\nВзять: паспорт",
            "ORGANIZER;CN=Стажировки НКО:mailto:intake@example.test",
            "ATTENDEE;CN=\"Лунёв, Пётр\";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:p@example.test",
            "BEGIN:VALARM", "TRIGGER:-PT1440M", "END:VCALENDAR",
        ] {
            #expect(lines.contains(want), "\(want)")
        }
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test(arguments: [10, 74, 75, 76, 200])
    func foldingKeepsOctetsAndCharacters(length: Int) {
        let line = "SUMMARY:" + String(repeating: "ж", count: length)
        let folded = InvitationCalendar.fold(line)
        for physical in folded.components(separatedBy: "\r\n") { #expect(physical.utf8.count <= 75) }
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == line)
    }

    @Test func sequenceAndUIDCarryUpdates() {
        var changed = Self.event
        changed.sequence = 2
        changed.location = "г. Пермь, ул. Сибирская, 5"
        let a = InvitationCalendar.text(Self.event, stamp: .init(timeIntervalSince1970: 0))
        let b = InvitationCalendar.text(changed, stamp: .init(timeIntervalSince1970: 0))
        #expect(a.contains("UID:perm-2026-p2-n17@internships.example.test") && b.contains("UID:perm-2026-p2-n17@internships.example.test"))
        #expect(b.contains("SEQUENCE:2") && !b.contains("SEQUENCE:1"))
    }
}
