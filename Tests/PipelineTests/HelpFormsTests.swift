// The help reply (a message without a form) lists the participant score sheet only to
// those who may send one: registered experts and coordinators, never applicants.
import Foundation
import Testing
@testable import Pipeline

@Suite struct HelpFormsTests {
    @Test(arguments: [
        ("expert1@example.test", true), ("coord@example.test", true), ("COORD@example.test", true),
        ("applicant@example.test", false),
    ])
    func motivationSheetOnlyForScorers(sender: String, listed: Bool) throws {
        let harness = try MotivationMail.harness()
        harness.mailbox.deliver(Mail.make(from: sender, subject: "Вопрос", body: "Как отправить форму?", id: "q@x"))
        try harness.run(now: Harness.t0.addingTimeInterval(60))
        let help = try #require(harness.renderer.contents.last { $0.template == .help })
        #expect(help.mayScoreParticipants == listed)
        let reply = try harness.renderer.inner.render(help)
        #expect(reply.text.contains("ОЦЕНКА МОТИВАЦИИ УЧАСТНИКА") == listed, "\(reply.text)")
        // The forms everyone may send stay.
        #expect(reply.text.contains("ЗАЯВКА УЧАСТНИКА"))
        #expect(reply.text.contains("ЗАЯВКА НА ПРОГРАММУ СТАЖИРОВКИ"))
    }
}
