// input:  confirmed invitations per programme, participant forms, the programme's form.
// output: a `host_confirmed` outboxMessage to the host whenever a programme's confirmed list
//         differs from the last list queued to it (dedupeKey `hostlist:<programme>:<numbers>`,
//         `#<n>` appended when a list returns to a set sent before).
// crash:  runs inside invite's transaction: all or nothing.
// rerun:  a list equal to the last one queued is skipped, so nothing is queued twice.
import Foundation
import GRDB
import MailMessage
import Rendering
import Store

extension ParticipantDesk {
    /// Queues each host's confirmed list where it changed; returns how many were queued.
    func queueHostLists(_ db: Database, templates: TemplateSet, campaignTitle: String, config: PipelineConfig,
                        now: Date, cause: String = "command:participants invite") throws -> Int {
        let confirmed = try Invitation.filter(Column("campaign") == campaign && Column("status") == "confirmed")
            .order(Column("answeredAt"), Column("id")).fetchAll(db)
        let details = try programmeDetails(db)
        var queued = 0
        // A programme whose host already has a list stays in: a cancellation can empty it.
        let listed = try String.fetchAll(db, sql: "SELECT dedupeKey FROM outboxMessage WHERE dedupeKey LIKE 'hostlist:%'")
            .compactMap { $0.split(separator: ":").dropFirst().first.flatMap { Int($0) } }
        for programme in Set(confirmed.map(\.programmeNumber)).union(listed).sorted() {
            let numbers = confirmed.filter { $0.programmeNumber == programme }.map(\.participantNumber)
            let listKey = "hostlist:\(programme):\(numbers.sorted().map(String.init).joined(separator: ","))"
            let earlier = try String.fetchAll(db, sql: "SELECT dedupeKey FROM outboxMessage WHERE dedupeKey LIKE ? ORDER BY id",
                                              arguments: ["hostlist:\(programme):%"])
            // The host has this list already (the last one sent): nothing to say.
            if earlier.last.map({ String($0.prefix { $0 != "#" }) == listKey }) ?? numbers.isEmpty { continue }
            // Back to a set sent before (a cancellation, then a promotion): a new key.
            let dedupeKey = earlier.contains(listKey) ? "\(listKey)#\(earlier.count)" : listKey
            guard let detail = details[programme],
                  let hostRow = try Row.fetchOne(db, sql: """
                    SELECT s.sender, s.fieldsJSON FROM programme p JOIN submission s ON s.id = p.submissionID
                    WHERE p.campaign = ? AND p.number = ?
                    """, arguments: [campaign, programme]) else { continue }
            let hostFields = JSON.decode([String: String].self, hostRow["fieldsJSON"]) ?? [:]
            let hostAddress: String = hostFields["email"] ?? hostRow["sender"]
            var people: [TemplateValue] = []
            for (index, number) in numbers.enumerated() {
                guard let row = try Row.fetchOne(db, sql: """
                    SELECT pt.fullName, pt.email, s.fieldsJSON FROM participant pt JOIN submission s ON s.id = pt.submissionID
                    WHERE pt.campaign = ? AND pt.number = ?
                    """, arguments: [campaign, number]) else { continue }
                let fields = JSON.decode([String: String].self, row["fieldsJSON"]) ?? [:]
                people.append(.object([
                    "position": .number(index + 1), "full_name": .text(row["fullName"]),
                    "organization": .text(fields["organization"] ?? ""), "place": .text(fields["locality"] ?? ""),
                    "phone": .text(fields["phone"] ?? ""), "email": .text(fields["email"] ?? row["email"]),
                ]))
            }
            let dates = detail.days.compactMap { iso -> String? in
                let p = iso.split(separator: "-").compactMap { Int($0) }
                return p.count == 3 ? RussianText.date(year: p[0], month: p[1], day: p[2]) : nil
            }.joined(separator: ", ")
            let context: [String: TemplateValue] = [
                "campaign": .text(campaignTitle), "name": .optional(hostFields["contact_person"]),
                "programme": .number(programme), "program_title": .text(detail.title), "dates": .text(dates),
                "count": .number(people.count), "seats": .number(detail.seats), "participants": .list(people),
            ]
            try NoticeComposer.queue(
                db, config: config, templates: templates, template: "host_confirmed", context: context, to: hostAddress,
                dedupeKey: dedupeKey, cause: cause,
                change: "queued host_confirmed programme № \(programme) (\(numbers.count))", now: now)
            queued += 1
        }
        return queued
    }
}
