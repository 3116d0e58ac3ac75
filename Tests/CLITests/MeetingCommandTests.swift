// `internships meeting announce`: preview, release, nothing twice; a missing meeting is a
// configuration error (78) that says what to add.
import Foundation
import Testing

@Suite struct MeetingCommandTests {
    @Test func previewThenReleaseOnce() throws {
        let env = try ServerEnv.require()
        let bare = try Setup(env: env)
        let missing = try bare.run(["meeting", "announce"])
        #expect(missing.status == 78, "\(missing)")
        #expect(missing.stderr.contains("[campaign.final_meeting]"), "\(missing)")

        let setup = try Setup(env: env, extraSections: """
            [[experts]]
            name = "Ирина Петрова"
            email = "meeting-expert@example.test"
            organisation = "Ресурсный центр НКО"
            territory = "Пермь"

            [campaign.final_meeting]
            date = 2027-01-25
            time = "15:00"
            link = "https://meet.example.org/final"
            agenda = "Итоги стажировок"
            """)
        let preview = try setup.run(["meeting", "announce"])
        #expect(preview.status == 0, "\(preview)")
        #expect(preview.stdout.contains("not released yet"), "\(preview.stdout)")
        #expect(preview.stdout.contains("experts: 1") && preview.stdout.contains("meeting-expert@example.test"), "\(preview.stdout)")
        #expect(preview.stdout.contains("Subject: Итоговая онлайн-встреча программы — 25 января 2027 г., 15:00"), "\(preview.stdout)")
        #expect(preview.stdout.contains("О чём поговорим: Итоги стажировок"), "\(preview.stdout)")
        let outbox = try setup.run(["outbox", "list"])
        #expect(!outbox.stdout.contains("meeting"), "a preview queues nothing: \(outbox.stdout)")
        let released = try setup.run(["meeting", "announce", "--release"])
        #expect(released.status == 0 && released.stdout.contains("queued 1 meeting mails"), "\(released)")
        let again = try setup.run(["meeting", "announce", "--release"])
        #expect(again.status == 0 && again.stdout.contains("queued 0 meeting mails"), "\(again)")
    }
}
