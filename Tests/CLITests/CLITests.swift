// The executable's behaviour, observed from outside: exit codes, output, the database and the
// mailboxes of the real local servers.
import Foundation
import Pipeline
import Testing
import TestSupport

@Suite(.serialized) struct CLITests {
    // MARK: configuration and usage errors

    @Test(arguments: [
        // (extra [mailbox] line, text the message must contain)
        ("colour = \"red\"", "colour"),
        ("parallel_fetches = 99", "parallel_fetches"),
        ("processed_folder = \"INBOX\"", "processed_folder"),
    ])
    func badConfigExits78NamingTheKey(line: String, key: String) throws {
        let setup = try Setup(env: try ServerEnv.require(), extraMailbox: line)
        for command in [["run"], ["status"], ["doctor"]] {
            let result = try setup.run(command)
            #expect(result.status == 78, "\(command): \(result)")
            #expect((result.stderr + result.stdout).contains(key), "\(command): \(result)")
        }
        #expect(!FileManager.default.fileExists(atPath: setup.database), "a bad config must not create the database")
    }

    @Test func missingConfigExits78AndBadNowExits64() throws {
        let missing = try CLI.run(["status", "--config", "/nonexistent/internships.toml"])
        #expect(missing.status == 78, "\(missing)")
        #expect(missing.stderr.contains("internships init"), "\(missing)")
        let setup = try Setup(env: try ServerEnv.require())
        let badNow = try CLI.run(["run", "--config", setup.config.path, "--now", "yesterday"])
        #expect(badNow.status == 64, "\(badNow)")
        let badID = try setup.run(["outbox", "retry", "999"])
        #expect(badID.status == 66, "\(badID)")
    }

    @Test func databaseFolderMissingExits73() throws {
        let setup = try Setup(env: try ServerEnv.require(),
                              extraSections: "[database]\npath = \"no-such-folder/internships.sqlite\"")
        for command in [["status"], ["run"]] {
            let result = try setup.run(command)
            #expect(result.status == 73, "\(command): \(result)")
            #expect(result.stderr.contains("no-such-folder"), "\(result)")
        }
    }

    @Test func configFromEnvironmentVariable() throws {
        let setup = try Setup(env: try ServerEnv.require())
        let result = try CLI.run(["status", "--json"], environment: ["INTERNSHIPS_CONFIG": setup.config.path])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("\"inbound_total\":0"), "\(result)")
    }

    // MARK: servers down, lock held

    @Test func imapDownExits75AndChangesNothing() throws {
        // Nothing listens on port 9 of loopback.
        let setup = try Setup(env: try ServerEnv.require(), imapURL: "imaps://127.0.0.1:9")
        let result = try setup.run(["run"])
        #expect(result.status == 75, "\(result)")
        #expect(result.stderr.contains("IMAP"), "\(result)")
        let status = try setup.statusJSON()
        #expect(status["inbound_total"] as? Int == 0)
        let doctor = try setup.run(["doctor"])
        #expect(doctor.status == 75, "\(doctor)")
        #expect(doctor.stdout.contains("FAIL  imap login"), "\(doctor)")
        #expect(doctor.stdout.contains("ok    smtp login"), "\(doctor)")
    }

    @Test func secondRunWhileTheLockIsHeldExits75AtOnce() throws {
        let env = try ServerEnv.require()
        let setup = try Setup(env: env)
        try setup.append([TestMail.make(from: "app-\(setup.tag)@example.test", to: setup.intake,
                                        body: TestMail.program(org: "АНО Кама"), id: "l1-\(setup.tag)@example.test")])
        #expect(try setup.run(["status"]).status == 0)  // creates the database
        // The first run, as far as the second can tell: it holds the lock next to the database.
        let held = try RunLock.acquire(path: setup.database + ".lock")
        #expect(held != nil)
        let second = try setup.run(["run", "--answer-existing"])
        #expect(second.status == 75, "\(second)")
        #expect(second.stderr.contains("another run"), "\(second)")
        #expect(second.seconds < 5, "the second run must give up at once, took \(second.seconds) s")
        #expect(try setup.statusJSON()["inbound_total"] as? Int == 0, "the second run changed something")
        withExtendedLifetime(held) {}
    }

    @Test func twoOverlappingRunsTheSecondExits75AtOnce() throws {
        let hanging = try SilentListener()
        let setup = try Setup(env: try ServerEnv.require(), imapURL: "imaps://127.0.0.1:\(hanging.port)")
        #expect(try setup.run(["status"]).status == 0)  // creates the database
        let first = try CLI.start(["run", "--config", setup.config.path, "--now", Setup.now])
        // The first run is inside its lock once it talks to the (hanging) IMAP server.
        let deadline = Date().addingTimeInterval(10)
        while hanging.connections == 0 && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(hanging.connections > 0, "the first run never reached IMAP")
        let second = try setup.run(["run"])
        #expect(second.status == 75, "\(second)")
        #expect(second.stderr.contains("another run"), "\(second)")
        // "At once" = while the first still holds the lock (it waits up to connect_timeout_s = 5
        // on the silent server): a wall-clock bound of 2 s failed under load (2.05–2.4 s) while
        // the lock behaved.
        #expect(first.process.isRunning, "the second run must give up while the first holds the lock, took \(second.seconds) s")
        #expect(second.seconds < 5, "the second run must not wait for the lock, took \(second.seconds) s")
        #expect(hanging.connections == 1, "the second run must not touch the mailbox")
        let firstResult = first.finish()
        #expect(firstResult.status == 75, "IMAP timed out: try later. \(firstResult)")
        #expect(firstResult.seconds >= second.seconds)
    }

    // MARK: the real job

    @Test func fullRunAnswersEachPersonOnceAndSecondRunIsIdle() throws {
        let env = try ServerEnv.require()
        let setup = try Setup(env: env)
        let t = setup.tag, intake = setup.intake
        let host = "host-\(t)@example.test", asker = "ask-\(t)@example.test"
        let robot = "robot-\(t)@example.test", broken = "broken-\(t)@example.test"
        try setup.append([
            TestMail.make(from: host, to: intake, body: TestMail.program(org: "АНО Кама"), id: "f1-\(t)@example.test"),
            TestMail.make(from: asker, to: intake, subject: "Вопрос", body: "Как подать заявку?", id: "f2-\(t)@example.test"),
            TestMail.make(from: robot, to: intake, subject: "Автоответ", body: "Я в отпуске.", id: "f3-\(t)@example.test",
                          headers: ["Auto-Submitted: auto-replied"]),
            TestMail.make(from: broken, to: intake,
                          body: TestMail.program(org: "АНО Ока").replacingOccurrences(of: "ИНН: 5902123456", with: "ИНН:"),
                          id: "f4-\(t)@example.test"),
        ])

        // --dry-run first: lists the three replies, sends and records nothing.
        let dry = try setup.run(["run", "--dry-run", "--answer-existing"])
        #expect(dry.status == 0, "\(dry)")
        #expect(dry.stdout.contains("would send: 3 messages"), "\(dry)")
        for person in [host, asker, broken] { #expect(dry.stdout.contains("to \(person)"), "\(dry)") }
        #expect(!dry.stdout.contains("to \(robot)"), "\(dry)")
        let afterDry = try setup.statusJSON()
        #expect(afterDry["inbound_total"] as? Int == 0, "dry run recorded mail: \(afterDry)")

        let first = try setup.run(["run", "--answer-existing"])
        #expect(first.status == 0, "\(first)")
        #expect(first.stdout.contains("fetched 4"), "\(first)")
        // Three replies, and the coordinators' digest (its hour has come; once per day).
        #expect(first.stdout.contains("digest queued for 1 coordinator(s)"), "\(first)")
        #expect(first.stdout.contains("sent 4,"), "\(first)")

        let status = try setup.statusJSON()
        #expect(status["inbound_total"] as? Int == 4)
        #expect((status["outbox_by_state"] as? [String: Int])?["sent"] == 4, "\(status)")
        #expect((status["submissions_by_kind"] as? [String: Int])?["program"] == 1, "\(status)")
        #expect((status["inbound_by_class"] as? [String: Int])?["auto_reply"] == 1, "\(status)")
        #expect((status["inbound_by_disposition"] as? [String: Int])?["invalid"] == 1, "\(status)")
        #expect(status["questions_awaiting_answer"] as? Int == 1, "\(status)")
        #expect(status["inbound_not_yet_moved"] as? Int == 0, "\(status)")
        #expect((status["last_run"] as? [String: Any])?["command"] as? String == "run", "\(status)")

        // Each person exactly one reply (the dry run sent none); the robot none.
        for person in [host, asker, broken] {
            #expect(try mailCount(env, person, atLeast: 1) == 1, "\(person)")
        }

        let second = try setup.run(["run"])
        #expect(second.status == 0, "\(second)")
        #expect(second.stdout.contains("fetched 0"), "\(second)")
        #expect(second.stdout.contains("sent 0,"), "\(second)")
        #expect(!second.stdout.contains("digest queued"), "the digest went twice the same day: \(second)")
        #expect((try setup.statusJSON()["outbox_by_state"] as? [String: Int])?["sent"] == 4)
        Thread.sleep(forTimeInterval: 1)
        for person in [host, asker, broken] {
            #expect(try mailCount(env, person, atLeast: 2, timeout: 0) == 1, "\(person) got a second message")
        }
        #expect(try mailCount(env, robot, atLeast: 1, timeout: 0) == 0)

        // The outbox commands on what was sent.
        let list = try setup.run(["outbox", "list"])
        #expect(list.status == 0 && list.stdout.components(separatedBy: "\tsent\t").count - 1 == 4, "\(list)")
        let show = try setup.run(["outbox", "show", "1"])
        #expect(show.status == 0 && show.stdout.contains("state: sent") && show.stdout.contains("Auto-Submitted"), "\(show)")
        let hold = try setup.run(["outbox", "hold", "1"])
        #expect(hold.status == 64, "a sent message cannot be held: \(hold)")
        let sendDry = try setup.run(["send", "--dry-run"])
        #expect(sendDry.status == 0 && sendDry.stdout.contains("would send: 0 messages"), "\(sendDry)")
    }

    @Test func doctorPassesOnAGoodSetup() throws {
        let setup = try Setup(env: try ServerEnv.require())
        let result = try setup.run(["doctor"])
        #expect(result.status == 0, "\(result)")
        for check in ["config", "templates", "imap login", "smtp login", "database"] {
            #expect(result.stdout.contains("ok    \(check)"), "\(check): \(result)")
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: setup.database)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }
}

extension CLITests {
    @Test func mailboxCheckReadsTheConfig() throws {
        let setup = try Setup(env: try ServerEnv.require())
        let result = try CLI.run(["mailbox", "check", "--config", setup.config.path])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains(setup.intake), "\(result)")
        let down = try Setup(env: try ServerEnv.require(), imapURL: "imaps://127.0.0.1:9")
        let refused = try CLI.run(["mailbox", "check", "--config", down.config.path])
        #expect(refused.status == 75, "\(refused)")
    }
}
