// `internships inbound list|show|release` on the built binary against the real servers: a
// score sheet from an unregistered address is held, shown with its reason, released once,
// then counted and acknowledged by the next run.
import Foundation
import Testing
import TestSupport

@Suite struct InboundCommandTests {
    static func score(number: String) -> String { FormText.score(expert: "Иванова Мария", number: number) }

    @Test func heldScoreIsShownReleasedOnceThenAnswered() throws {
        let env = try ServerEnv.require()
        let setup = try Setup(env: env)
        let t = setup.tag
        let expert = "second-\(t)@example.test", asker = "ask-\(t)@example.test"
        let held = TestMail.make(from: expert, to: setup.intake, subject: "Оценка", body: Self.score(number: "№ 3"),
                                 id: "s1-\(t)@example.test")
        try setup.append([held, TestMail.make(from: asker, to: setup.intake, subject: "Вопрос", body: "Когда итоги?",
                                              id: "s2-\(t)@example.test")])
        let first = try setup.run(["run", "--answer-existing"])
        #expect(first.status == 0, "\(first)")

        let list = try setup.run(["inbound", "list", "--state", "held"])
        #expect(list.status == 0, "\(list)")
        let rows = list.stdout.split(separator: "\n").dropFirst()
        #expect(rows.count == 1 && rows.first?.hasPrefix("1\t") == true && rows.first?.contains(expert) == true, "\(list)")
        let all = try setup.run(["inbound", "list", "--class", "human", "--limit", "5"])
        #expect(all.stdout.split(separator: "\n").count == 3, "\(all)")
        #expect(try setup.run(["inbound", "list", "--state", "gone"]).status == 64)

        let show = try setup.run(["inbound", "show", "1"])
        #expect(show.status == 0, "\(show)")
        for text in ["state: held", "held: score sheet from an address that is not a registered expert",
                     "From: Отправитель <\(expert)>", "Message-ID: <s1-\(t)@example.test>", "form: score",
                     "application_number: 3", "submission: none", "replies: none", "internships inbound release 1"] {
            #expect(show.stdout.contains(text), "missing '\(text)' in \(show)")
        }
        let raw = try setup.run(["inbound", "show", "1", "--raw"])
        #expect(raw.status == 0 && Array(raw.stdout.utf8) == held, "\(raw)")
        let missing = try setup.run(["inbound", "show", "999"])
        #expect(missing.status == 66 && missing.stderr.contains("no inbound message with id 999"), "\(missing)")

        let notHeld = try setup.run(["inbound", "release", "2"])
        #expect(notHeld.status == 64 && notHeld.stderr.contains("not held"), "\(notHeld)")
        #expect(try setup.run(["inbound", "release", "999"]).status == 66)
        let release = try setup.run(["inbound", "release", "1"])
        #expect(release.status == 0 && release.stdout.contains("released"), "\(release)")
        let again = try setup.run(["inbound", "release", "1"])
        #expect(again.status == 0 && again.stdout.contains("already released"), "\(again)")

        let second = try setup.run(["run"])
        #expect(second.status == 0, "\(second)")
        let third = try setup.run(["run"])
        #expect(third.status == 0 && third.stdout.contains("sent 0,"), "\(third)")
        #expect((try setup.statusJSON()["submissions_by_kind"] as? [String: Int])?["score"] == 1)
        #expect(try mailCount(env, expert, atLeast: 1) == 1)

        let after = try setup.run(["inbound", "show", "1"])
        for text in ["state: parsed", "outcome: submitted", "was held: score sheet from an address",
                     "score № 1 v1", "ack to \(expert), sent", "command:inbound release"] {
            #expect(after.stdout.contains(text), "missing '\(text)' in \(after)")
        }
        #expect(after.stdout.components(separatedBy: "command:inbound release").count == 2, "\(after)")
    }
}
