// The participants' flow inside `internships run` (ParticipantPass), over a real SQLite file
// with fake mail edges: selection on the released winners, invitations sent without a
// command, declines and silences promoting the reserve, replies from phone clients (thread
// only), late and unclear answers, cancellations reaching the host, a programme change
// sending an updated calendar — and a re-run that sends nothing twice.
import Foundation
import GRDB
import MailMessage
import Programme
import Testing
@testable import Pipeline
import Store

@Suite struct ParticipantFlowTests {
    static func pass(_ harness: Harness) throws -> ParticipantPass {
        let templates = try #require((harness.renderer.inner as? TemplateReplyRenderer)?.templates)
        return ParticipantPass(templates: templates, campaignTitle: "Стажировки НКО 2026",
                               settings: InvitationSettings(answerWithin: .seconds(5 * 86_400)))
    }

    @discardableResult
    static func run(_ harness: Harness, hours: Double) throws -> RunReport {
        let report = try Runner(stages: harness.stages(), participants: try pass(harness))
            .run(source: harness.mailbox, sender: harness.sender, now: Harness.t0.addingTimeInterval(hours * 3600))
        #expect(report.exitStatus == .ok, "\(report.problems)")
        return report
    }

    static func statuses(_ harness: Harness) throws -> [String] {
        try harness.store.pool.read { db in
            try Invitation.order(Column("programmeNumber"), Column("participantNumber")).fetchAll(db)
                .map { "\($0.programmeNumber):\($0.participantNumber) \($0.status)\($0.lateYesAt != nil ? " waiting" : "")" }
        }
    }

    static func mails(_ harness: Harness, to recipient: String) throws -> [OutboxMessage] {
        try harness.outbox().filter { $0.recipient == recipient }
    }

    static func text(_ message: OutboxMessage) -> String {
        Mail.replyText([UInt8](message.raw)).replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: " ")
    }

    /// The `.ics` attached to a queued mail, decoded.
    static func calendar(_ message: OutboxMessage) -> String {
        guard let part = Message.parse([UInt8](message.raw)).attachments.first(where: { $0.filename == "invite.ics" }) else {
            return ""
        }
        return String(decoding: part.data, as: UTF8.self)
    }

    static func invitation(_ harness: Harness, participant: Int) throws -> Invitation {
        try #require(try harness.store.pool.read {
            try Invitation.filter(Column("participantNumber") == participant).fetchOne($0)
        })
    }

    @Test func selectionSeatsOnTheReleasedWinners() throws {
        let harness = try ParticipantSelectionTests.season()
        let desk = ParticipantDesk(store: harness.store, campaign: "perm-2026")
        #expect(throws: PipelineError.self) { try desk.selectionProgrammes(override: nil) }
        #expect(try desk.selectionProgrammes(override: [1]) == [1])
        func notice(_ programme: Int, _ verdict: String, revision: Int) throws {
            try harness.store.pool.write { db in
                var outbox = OutboxMessage(dedupeKey: "result:\(programme):\(revision)", template: "result_winner",
                                           recipient: "host@example.test", messageID: "r\(programme)-\(revision)@x",
                                           raw: Data("x".utf8), causeInboundID: nil, createdAt: Harness.t0)
                try outbox.insert(db)
                var row = ResultNotice(campaign: "perm-2026", programmeNumber: programme, verdict: verdict,
                                       kind: revision == 1 ? "result" : "correction", decisionRevision: revision,
                                       outboxMessageID: outbox.id ?? 0, createdAt: Harness.t0)
                try row.insert(db)
            }
        }
        try notice(1, "not_selected", revision: 1)
        try notice(2, "winner", revision: 1)
        #expect(try desk.selectionProgrammes(override: nil) == [2])
        let selection = try desk.select(winners: try desk.selectionProgrammes(override: nil), rules: SelectionRules(), now: Harness.t0)
        #expect(selection.seated.keys.sorted() == [2])
        // A correction letter turned programme 1 into a winner: it is seated on too.
        try notice(1, "winner", revision: 2)
        #expect(try desk.selectionProgrammes(override: nil) == [1, 2])
    }

    @Test func runInvitesPromotesAnswersAndUpdatesWithoutCommands() throws {
        let harness = try ParticipantSelectionTests.season()
        let desk = ParticipantDesk(store: harness.store, campaign: "perm-2026")
        _ = try desk.importScores(csv: "application_number,motivation\n1,8\n2,9\n3,9\n4,10\n5,4\n",
                                  defaultScorer: "coordinator", now: Harness.t0)
        try desk.select(winners: nil, rules: SelectionRules(), now: Harness.t0)
        // Before release a run invites nobody.
        #expect(try Self.run(harness, hours: 0.5).invitations == nil)
        let set = try #require((harness.renderer.inner as? TemplateReplyRenderer)?.templates)
        _ = try desk.release(templates: set, campaignTitle: "Стажировки НКО 2026", config: harness.config, now: Harness.t0)

        // 1. The run after release sends the letters and the invitations together.
        let first = try Self.run(harness, hours: 1)
        #expect(first.invitations == InvitationReport(invited: 3))
        #expect(first.deliver?.sent == 8, "5 selection letters + 3 invitations")
        #expect(try Self.statuses(harness) == ["1:2 pending", "2:3 pending", "2:5 pending"])
        #expect(try Self.run(harness, hours: 1.5).invitations == InvitationReport(), "a re-run sends nothing")

        // 2. Борис (№ 2) answers НЕТ from a phone client that dropped the subject token: only
        //    In-Reply-To ties it to the invitation. Анна (№ 1, reserve 1) is invited in the same run.
        let boris = try Self.invitation(harness, participant: 2)
        harness.mailbox.deliver(Mail.make(from: "p2@example.test", subject: "Re: Приглашение на стажировку",
                                          body: "Нет, не получится.\n\nОтправлено с iPhone", id: "b1@phone",
                                          headers: ["In-Reply-To: <\(try #require(boris.messageID))>"]))
        let second = try Self.run(harness, hours: 2)
        #expect(second.invitations == InvitationReport(invited: 1))
        #expect(try Self.statuses(harness) == ["1:1 pending", "1:2 declined", "2:3 pending", "2:5 pending"])
        #expect(Self.text(try #require(try Self.mails(harness, to: "p2@example.test").last))
            .contains("вы отказались от участия в стажировке «Инклюзивный туризм»"))

        // 3. Дина (№ 5) answers "да, но…": a question back, not a guess; then a clear ДА.
        let dina = try Self.invitation(harness, participant: 5)
        harness.mailbox.deliver(Mail.make(from: "p5@example.test", subject: "Re: Приглашение [\(dina.token)]",
                                          body: "Да, но смогу только до обеда", id: "d1@x"))
        try Self.run(harness, hours: 3)
        let question = try #require(try Self.mails(harness, to: "p5@example.test").last)
        #expect(question.template == "errors")
        #expect(Self.text(question).contains("Мы не уверены, как понять ваш ответ «Да, но смогу только до обеда»"))
        #expect(try Self.statuses(harness).contains("2:5 pending"))
        harness.mailbox.deliver(Mail.make(from: "p5@example.test", subject: "Re: Приглашение [\(dina.token)]",
                                          body: "ДА", id: "d2@x"))
        let third = try Self.run(harness, hours: 4)
        #expect(third.invitations?.hostLists == 1)
        #expect(try Self.statuses(harness).contains("2:5 confirmed"))

        // 4. Борис changes his mind while Анна holds the seat: he waits, and is told so.
        harness.mailbox.deliver(Mail.make(from: "p2@example.test", subject: "Re: Приглашение [\(boris.token)]",
                                          body: "Да, всё-таки приеду!", id: "b2@x"))
        try Self.run(harness, hours: 5)
        #expect(try Self.statuses(harness).contains("1:2 declined waiting"))
        #expect(Self.text(try #require(try Self.mails(harness, to: "p2@example.test").last))
            .contains("Вы в листе ожидания: если место освободится, оно достанется вам"))

        // 5. Вера (№ 3, invited at 1 h, 5 days to answer) stays silent past her deadline:
        //    expired. Programme 2's reserve is Анна, who holds a pending seat (K = 1): nobody else.
        let fourth = try Self.run(harness, hours: 121.5)
        #expect(fourth.invitations?.expired == 1)
        #expect(try Self.statuses(harness).contains("2:3 expired"))
        // Her late ДА finds the seat still free: confirmed, and the host's list grows.
        let vera = try Self.invitation(harness, participant: 3)
        harness.mailbox.deliver(Mail.make(from: "p3@example.test", subject: "Re: [Требуется ответ] Приглашение [\(vera.token)]",
                                          body: "Да", id: "v1@x"))
        let fifth = try Self.run(harness, hours: 121.6)
        #expect(try Self.statuses(harness).contains("2:3 confirmed"))
        #expect(fifth.invitations?.hostLists == 1)
        #expect(Self.text(try #require(try Self.mails(harness, to: "p3@example.test").last))
            .contains("вы подтвердили участие в стажировке «Волонтёрский центр»"))

        // 6. Анна declines: the freed seat goes to Борис, who already said ДА (no new question).
        let anna = try Self.invitation(harness, participant: 1)
        harness.mailbox.deliver(Mail.make(from: "p1@example.test", subject: "Re: Приглашение [\(anna.token)]",
                                          body: "Нет", id: "a1@x"))
        let sixth = try Self.run(harness, hours: 121.7)
        #expect(sixth.invitations == InvitationReport(hostLists: 1, lateConfirmed: 1))
        #expect(try Self.statuses(harness) == ["1:1 declined", "1:2 confirmed", "2:3 confirmed", "2:5 confirmed"])
        let seated = try #require(try Self.mails(harness, to: "p2@example.test").last)
        #expect(seated.template == "invitation_confirmed")
        #expect(Self.calendar(seated).contains("SEQUENCE:1"), "a new calendar for the same event")

        // 7. Дина cancels: the host of programme 2 gets the shorter list, and the freed seat is
        //    offered to Анна (programme 2 was her second choice; she holds no seat now).
        harness.mailbox.deliver(Mail.make(from: "p5@example.test", subject: "Re: Приглашение [\(dina.token)]",
                                          body: "Нет, извините, заболела.", id: "d3@x"))
        let seventh = try Self.run(harness, hours: 121.8)
        #expect(seventh.invitations == InvitationReport(invited: 1, hostLists: 1))
        #expect(try Self.statuses(harness) == ["1:1 declined", "1:2 confirmed", "2:1 pending", "2:3 confirmed", "2:5 declined"])

        // 8. The host of programme 2 re-sends the form with a new date: Вера (confirmed) and Анна
        //    (invited) get an updated invitation, same UID, SEQUENCE 1; nobody else does.
        harness.mailbox.deliver(Mail.make(
            from: "host2@example.test",
            body: ParticipantMail.program(org: "Фонд «Парма»", title: "Волонтёрский центр", seats: 2)
                .replacingOccurrences(of: "15.10.2026", with: "16.10.2026"), id: "h2b@x"))
        let eighth = try Self.run(harness, hours: 121.9)
        #expect(eighth.invitations == InvitationReport(updated: 2))
        let update = try #require(try Self.mails(harness, to: "p3@example.test").last)
        #expect(update.template == "invitation_update")
        let original = try #require(try Self.mails(harness, to: "p3@example.test").first { $0.template == "invitation" })
        func uid(_ message: OutboxMessage) -> String? {
            Self.calendar(message).components(separatedBy: "\r\n").first { $0.hasPrefix("UID:") }
        }
        #expect(uid(update) != nil && uid(update) == uid(original))
        let ics = Self.calendar(update)
        #expect(ics.contains("SEQUENCE:1") && ics.contains("DTSTART;TZID=Asia/Yekaterinburg:20261016T100000"), "\(ics)")
        #expect(Self.calendar(original).contains("SEQUENCE:0")
                && Self.calendar(original).contains("DTSTART;TZID=Asia/Yekaterinburg:20261015T100000"))
        #expect(Self.text(update).contains("Ваше участие остаётся подтверждённым"))
        #expect(Mail.header("In-Reply-To", in: [UInt8](update.raw)) == "<\(try #require(vera.messageID))>")

        // 9. Nothing left to do: a re-run queues nothing, and everything was delivered once.
        let before = try harness.outbox().count
        #expect(try Self.run(harness, hours: 200).invitations == InvitationReport())
        #expect(try harness.outbox().count == before)
        #expect(try harness.outbox().allSatisfy { $0.state == .sent })
        let sent = harness.sender.accepted.map(\.messageID)
        #expect(Set(sent).count == sent.count && sent.count == before)

        // Each participant's mail, in order.
        func templates(_ who: String) throws -> [String] { try Self.mails(harness, to: who).map(\.template) }
        #expect(try templates("p1@example.test")
                == ["ack", "selection_result", "invitation", "ack", "invitation", "invitation_update"])
        #expect(try templates("p2@example.test") == ["ack", "selection_result", "invitation", "ack", "ack", "invitation_confirmed"])
        #expect(try templates("p3@example.test") == ["ack", "selection_result", "invitation", "ack", "invitation_update"])
        #expect(try templates("p4@example.test") == ["ack", "selection_result"])
        #expect(try templates("p5@example.test") == ["ack", "selection_result", "invitation", "errors", "ack", "ack"])
        let lists = try harness.outbox().filter { $0.template == "host_confirmed" }.map(\.dedupeKey)
        #expect(lists == ["hostlist:2:5", "hostlist:2:3,5", "hostlist:1:2", "hostlist:2:3"])
    }
}

@Suite struct ParticipantFlowCrashTests {
    /// Released selection, first invitations delivered, then Борис's НЕТ (thread only) waiting
    /// in the mailbox: the next run records it, promotes Анна and informs nobody twice.
    static func prepared() throws -> Harness {
        let harness = try ParticipantSelectionTests.season()
        let desk = ParticipantDesk(store: harness.store, campaign: "perm-2026")
        _ = try desk.importScores(csv: "application_number,motivation\n1,8\n2,9\n3,9\n4,10\n5,4\n",
                                  defaultScorer: "coordinator", now: Harness.t0)
        try desk.select(winners: nil, rules: SelectionRules(), now: Harness.t0)
        let set = try #require((harness.renderer.inner as? TemplateReplyRenderer)?.templates)
        _ = try desk.release(templates: set, campaignTitle: "Стажировки НКО 2026", config: harness.config, now: Harness.t0)
        try ParticipantFlowTests.run(harness, hours: 1)
        let boris = try ParticipantFlowTests.invitation(harness, participant: 2)
        let dina = try ParticipantFlowTests.invitation(harness, participant: 5)
        harness.mailbox.deliver(Mail.make(from: "p2@example.test", subject: "Re: Приглашение", body: "Нет", id: "b@phone",
                                          headers: ["In-Reply-To: <\(try #require(boris.messageID))>"]))
        harness.mailbox.deliver(Mail.make(from: "p5@example.test", subject: "Re: [\(dina.token)]", body: "Да", id: "d@x"))
        return harness
    }

    static func runOnce(_ harness: Harness, crash: any CrashPoint, hours: Double) throws {
        _ = try Runner(stages: harness.stages(crash: crash), participants: try ParticipantFlowTests.pass(harness))
            .run(source: harness.mailbox, sender: harness.sender, now: Harness.t0.addingTimeInterval(hours * 3600))
    }

    static func outcome(_ harness: Harness) throws -> [String] {
        try harness.outbox().map { "\($0.recipient) \($0.template) \($0.dedupeKey.hasPrefix("reply:") ? "reply" : $0.dedupeKey) \($0.state.rawValue)" }
            .sorted()
    }

    @Test func crashAtEveryStepThenRerunEndsLikeOneRun() throws {
        let reference = try Self.prepared()
        let counter = CountingCrash(crashAt: nil)
        try Self.runOnce(reference, crash: counter, hours: 2)
        let want = try Self.outcome(reference)
        #expect(want.contains("p1@example.test invitation invitation:1:1:0 sent"))
        #expect(want.contains("host@example.test host_confirmed hostlist:2:5 sent"))
        #expect(counter.steps.contains("invitations.committed"))
        for k in 1...counter.steps.count {
            let harness = try Self.prepared()
            let before = harness.sender.acceptedIDs.count
            #expect(throws: SimulatedCrash.self) { try Self.runOnce(harness, crash: CountingCrash(crashAt: k), hours: 2) }
            try Self.runOnce(harness, crash: NoCrash(), hours: 2.1)
            #expect(try Self.outcome(harness) == want, "crash at \(k) \(counter.steps[k - 1])")
            let sent = harness.sender.acceptedIDs.dropFirst(before)
            // Between the relay's 250 and our commit a batch may go twice (at-least-once); never otherwise.
            if counter.steps[k - 1] != "deliver.sent" {
                #expect(Set(sent).count == sent.count, "crash at \(k) \(counter.steps[k - 1]): a mail went twice")
            }
        }
    }
}
