import Foundation
import MailTransport
import Testing
@testable import Settings

@Suite struct SettingsLoadingTests {
    @Test func exampleLoadsWithoutProblems() throws {
        let scratch = try Scratch()
        let s = try Settings.parse(Settings.exampleTOML, file: scratch.configFile)
        #expect(s.campaign.name == "Стажировки НКО Прикамья — 2027")
        #expect(s.campaign.timeZone.identifier == "Asia/Yekaterinburg")
        #expect(s.campaign.programCall == DateWindow(first: try #require(CalendarDay(iso: "2027-07-01")), last: try #require(CalendarDay(iso: "2027-07-31"))))
        #expect(s.campaign.finalMeeting?.time.description == "15:00")
        #expect(s.mailbox.endpoint.security == .implicitTLS)
        #expect(s.mailbox.endpoint.host == "mail.example.org")
        #expect(s.mailbox.endpoint.port == 993)
        #expect(s.mailbox.searchWindow == 5_000)
        #expect(s.smtp.endpoint.baseURL == "smtps://mail.example.org:465")
        #expect(s.mailbox.password == .file(scratch.dir.appendingPathComponent("secrets/imap-password").standardizedFileURL))
        #expect(s.mailbox.parallelFetches == 2)
        #expect(s.smtp.password == .environment("INTERNSHIPS_SMTP_PASSWORD"))
        #expect(s.smtp.from == NamedAddress(displayName: "Стажировки НКО Прикамья", address: "intake@example.org"))
        #expect(s.smtp.replyTo.address == "intake@example.org")
        #expect(s.smtp.dailyBudget == 500)
        #expect(s.coordinators.count == 1)
        #expect(s.experts.map(\.email) == ["expert1@example.org", "expert2@example.org"])
        #expect(s.databasePath.path == scratch.dir.appendingPathComponent("internships.sqlite").path)
        #expect(s.templatesDirectory.path == scratch.dir.appendingPathComponent("mail-templates").path)
        #expect(s.delivery == .standard)
    }

    @Test func optionalSectionsAndKeysTakeDefaults() throws {
        let scratch = try Scratch()
        var text = Settings.exampleTOML
        for edit in [
            ExampleEdit("[database]\npath = \"internships.sqlite\"", ""),
            ExampleEdit("[templates]\ndir = \"mail-templates\"", ""),
            ExampleEdit("[delivery]\nretry_schedule_minutes", "[x]\nretry_schedule_minutes"),
            ExampleEdit("[x]\nretry_schedule_minutes = [5, 15, 60, 180, 720]", ""),
            ExampleEdit("lifetime_hours = 72 ", "# "),
            ExampleEdit("parallel_fetches = 2 ", "# "),
            ExampleEdit("time_zone = \"Asia/Yekaterinburg\" ", "# "),
            ExampleEdit("reply_to = \"intake@example.org\" ", "# "),
        ] {
            text = try edit.apply(to: text)
        }
        let s = try Settings.parse(text, file: scratch.configFile)
        #expect(s.delivery == .standard)
        #expect(s.mailbox.parallelFetches == 2)
        #expect(s.campaign.timeZone.identifier == "Asia/Yekaterinburg")
        #expect(s.smtp.replyTo == s.smtp.from)
        #expect(s.databasePath.lastPathComponent == "internships.sqlite")
    }

    /// One edit each: the problem must name the key and say what would be valid.
    static let badValues: [(ExampleEdit, key: String, says: String)] = [
        (ExampleEdit("imaps://mail.example.org:993", "imap://mail.example.org"), "[mailbox] imap_url",
         "'imap://mail.example.org' is plain IMAP to a non-loopback host — use imaps://"),
        (ExampleEdit("imaps://mail.example.org:993", "imaps://mail.example.org:99999"), "[mailbox] imap_url", "1 to 65535"),
        (ExampleEdit("starttls = false                 # with imap://", "starttls = true # with imap://"), "[mailbox] starttls", "already TLS"),
        (ExampleEdit("imaps://mail.example.org:993", "pop3s://mail.example.org"), "[mailbox] imap_url", "use imaps://"),
        (ExampleEdit("imaps://mail.example.org:993", "imaps://u:p@mail.example.org"), "[mailbox] imap_url", "password_file"),
        (ExampleEdit("imaps://mail.example.org:993", "imaps://mail.example.org/INBOX"), "[mailbox] imap_url", "folder ="),
        (ExampleEdit("allow_plain_loopback = false     # plain imap://", "allow_plain_loopback = true  #"), "[mailbox] allow_plain_loopback", "not a loopback"),
        (ExampleEdit("smtps://mail.example.org:465", "smtp://mail.example.org:587"), "[smtp] url", "starttls = true"),
        (ExampleEdit("imap_url =", "imap_ulr ="), "[mailbox] imap_ulr", "did you mean 'imap_url'"),
        (ExampleEdit("organisation = \"Фонд", "organization = \"Фонд"), "[[experts]] #2 organization", "did you mean 'organisation'"),
        (ExampleEdit("[mailbox]", "[mailbx]"), "[mailbx]", "did you mean 'mailbox'"),
        (ExampleEdit("opens = 2027-07-01", "open = 2027-07-01"), "[campaign.program_call] open", "did you mean 'opens'"),
        (ExampleEdit("opens = 2027-07-01", "opens = \"2027-02-30\""), "[campaign.program_call] opens", "YYYY-MM-DD"),
        // A TOML date that does not exist is a syntax error from the TOML parser, with its line.
        (ExampleEdit("opens = 2027-07-01", "opens = 2027-02-30"), "syntax", "line 14"),
        (ExampleEdit("opens = 2027-07-01", "opens = \"1 июля\""), "[campaign.program_call] opens", "YYYY-MM-DD"),
        (ExampleEdit("closes = 2027-07-31", "closes = 2027-06-30"), "[campaign.program_call] closes", "before opens"),
        (ExampleEdit("closes = 2027-08-20", "closes = 2027-07-20"), "[campaign] expert_review.closes", "before program_call.closes"),
        (ExampleEdit("time = \"15:00\"", "time = \"25:00\""), "[campaign.final_meeting] time", "HH:MM"),
        (ExampleEdit("https://meet.example.org/internships-final", "http://meet.example.org/x"), "[campaign.final_meeting] link", "https://"),
        (ExampleEdit("time_zone = \"Asia/Yekaterinburg\"", "time_zone = \"Europe/Perm\""), "[campaign] time_zone", "Asia/Yekaterinburg"),
        (ExampleEdit("year = 2027", "year = \"2027\""), "[campaign] year", "expected an integer"),
        (ExampleEdit("parallel_fetches = 2 ", "parallel_fetches = 0 "), "[mailbox] parallel_fetches", "use 1...8"),
        (ExampleEdit("daily_budget = 500", "daily_budget = -1"), "[smtp] daily_budget", "out of range"),
        (ExampleEdit("# password_env = \"INTERNSHIPS_IMAP_PASSWORD\"", "password_env = \"X\""), "[mailbox] password_env", "keep one"),
        (ExampleEdit("password_file = \"secrets/imap-password\"", ""), "[mailbox] password_file", "missing"),
        (ExampleEdit("password_env = \"INTERNSHIPS_SMTP_PASSWORD\"", "password_env = \"SMTP-PASS\""), "[smtp] password_env", "not an environment variable name"),
        (ExampleEdit("user = \"intake@example.org\"                 #", "#"), "[smtp] user", "give the login name"),
        (ExampleEdit("from = \"Стажировки НКО Прикамья <intake@example.org>\"", "from = \"Стажировки\""), "[smtp] from", "Name <user@example.org>"),
        (ExampleEdit("email = \"expert2@example.org\"", "email = \"expert1@example.org\""), "[[experts]] #2 email", "already #1"),
        (ExampleEdit("email = \"coordinator@example.org\"", "email = \"coordinator at example.org\""), "[[coordinators]] #1 email", "user@example.org"),
        (ExampleEdit("# ca_file = \"certs/ca.pem\"                  #", "ca_file = \"certs/ca.pem\" #"), "[mailbox] ca_file", "does not exist"),
        (ExampleEdit("processed_folder = \"Processed\"", "processed_folder = \"INBOX\""), "[mailbox] processed_folder", "same folder"),
        (ExampleEdit("path = \"internships.sqlite\"", "path = \"~/db.sqlite\""), "[database] path", "starts with ~"),
        (ExampleEdit("retry_schedule_minutes = [5, 15, 60, 180, 720]", "retry_schedule_minutes = [5, \"x\"]"), "[delivery] retry_schedule_minutes", "not an integer"),
        (ExampleEdit("[[coordinators]]\nname = \"Анна Смирнова\"\nemail = \"coordinator@example.org\"", ""), "[[coordinators]]", "at least one"),
        (ExampleEdit("[smtp] ", "[smtp]\n[smtp] "), "syntax", "not valid TOML"),
    ]

    @Test(arguments: badValues)
    func badValueNamesKeyAndRemedy(edit: ExampleEdit, key: String, says: String) throws {
        let scratch = try Scratch()
        let text = try edit.apply()
        let error = try #require(throws: ConfigError.self) { try Settings.parse(text, file: scratch.configFile) }
        let match = error.problems.first { $0.key == key }
        #expect(match != nil, "got \(error.problems)")
        #expect(match?.message.contains(says) == true, "got \(error.problems)")
        #expect(error.description.contains(key))
    }

    @Test func everyProblemIsReportedAtOnce() throws {
        let scratch = try Scratch()
        var text = Settings.exampleTOML
        for edit in [
            ExampleEdit("imaps://mail.example.org:993", "imap://mail.example.org"),
            ExampleEdit("daily_budget = 500", "daily_budget = 0"),
            ExampleEdit("territory = \"Пермь\"", "teritory = \"Пермь\""),
            ExampleEdit("opens = 2027-08-25", "opens = \"2027-13-01\""),
        ] {
            text = try edit.apply(to: text)
        }
        let error = try #require(throws: ConfigError.self) { try Settings.parse(text, file: scratch.configFile) }
        let keys = Set(error.problems.map(\.key))
        let want: Set = ["[mailbox] imap_url", "[smtp] daily_budget", "[[experts]] #1 teritory",
                         "[[experts]] #1 territory", "[campaign.participant_call] opens"]
        #expect(keys == want, "got \(error.problems)")
    }

    @Test func loopbackIsStartTLSUnlessPlainIsAllowed() throws {
        let scratch = try Scratch()
        var text = try ExampleEdit("imaps://mail.example.org:993", "imap://127.0.0.1:1143").apply()
        text = try ExampleEdit("smtps://mail.example.org:465", "smtp://127.0.0.1:2587").apply(to: text)
        let startTLS = try Settings.parse(text, file: scratch.configFile)
        #expect(startTLS.mailbox.endpoint.security == .startTLS)
        #expect(startTLS.smtp.endpoint.security == .startTLS)
        #expect(startTLS.smtp.endpoint.port == 2587)

        text = try ExampleEdit("allow_plain_loopback = false     # plain imap://", "allow_plain_loopback = true #").apply(to: text)
        let plain = try Settings.parse(text, file: scratch.configFile)
        #expect(plain.mailbox.endpoint.security == .plain)
        #expect(plain.mailbox.endpoint.baseURL == "imap://127.0.0.1:1143")
        #expect(plain.smtp.endpoint.security == .startTLS)
    }

    @Test func remoteStartTLSNeedsTheFlag() throws {
        let scratch = try Scratch()
        var text = try ExampleEdit("smtps://mail.example.org:465", "smtp://mail.example.org:587").apply()
        text = try ExampleEdit("starttls = false                 # default", "starttls = true").apply(to: text)
        let s = try Settings.parse(text, file: scratch.configFile)
        #expect(s.smtp.endpoint.security == .startTLS)
        #expect(s.smtp.startTLS)
    }

    @Test func transportSettingsCarryEveryValue() throws {
        let scratch = try Scratch()
        var text = try ExampleEdit("parallel_fetches = 2 ", "parallel_fetches = 4 ").apply()
        text = try ExampleEdit("# helo_name = \"internships.example.org\"", "helo_name = \"h.example.org\"").apply(to: text)
        text = try ExampleEdit("low_speed_timeout_s = 60         # a transfer", "low_speed_timeout_s = 90 # a transfer").apply(to: text)
        let s = try Settings.parse(text, file: scratch.configFile)
        let imap = s.mailbox.imapSettings(password: Secret("p"))
        #expect(imap.url == "imaps://mail.example.org:993")
        #expect(imap.user == "intake@example.org")
        #expect(imap.password.reveal() == "p")
        #expect(imap.parallelHandles == 4)
        #expect(imap.lowSpeedTimeout == .seconds(90))
        #expect(imap.searchWindow == 5_000)
        #expect(try imap.endpoint() == s.mailbox.endpoint)
        let smtp = s.smtp.smtpSettings(password: Secret("q"))
        #expect(smtp.user == "intake@example.org")
        #expect(smtp.heloName == "h.example.org")
        #expect(smtp.lowSpeedTimeout == .seconds(60))
        #expect(try smtp.endpoint() == s.smtp.endpoint)
    }

    static let paths: [(written: String, want: String)] = [
        ("data/db.sqlite", "/BASE/data/db.sqlite"),
        ("../shared/db.sqlite", "/PARENT/shared/db.sqlite"),
        ("/var/lib/internships/db.sqlite", "/var/lib/internships/db.sqlite"),
    ]

    @Test(arguments: paths)
    func pathsResolveAgainstTheConfigFolder(written: String, want: String) throws {
        let scratch = try Scratch()
        let text = try ExampleEdit("path = \"internships.sqlite\"", "path = \"\(written)\"").apply()
        let s = try Settings.parse(text, file: scratch.configFile)
        let expected = want
            .replacingOccurrences(of: "/BASE", with: scratch.dir.path)
            .replacingOccurrences(of: "/PARENT", with: scratch.dir.deletingLastPathComponent().path)
        #expect(s.databasePath.path == expected)
    }

    @Test func caFileResolvesWhenItExists() throws {
        let scratch = try Scratch()
        _ = try scratch.write("-----BEGIN CERTIFICATE-----\n", to: "certs/ca.pem", mode: 0o644)
        let text = try ExampleEdit("# ca_file = \"certs/ca.pem\"                  #", "ca_file = \"certs/ca.pem\" #").apply()
        let s = try Settings.parse(text, file: scratch.configFile)
        #expect(s.mailbox.caFile?.path == scratch.dir.appendingPathComponent("certs/ca.pem").path)
        #expect(s.smtp.caFile == nil)
    }

    @Test func loadReadsTheFileAndReportsAMissingOne() throws {
        let scratch = try Scratch()
        let missing = try #require(throws: ConfigError.self) { try Settings.load(from: scratch.configFile) }
        #expect(missing.problems.map(\.key) == ["file"])
        _ = try scratch.write(Settings.exampleTOML, to: "internships.toml")
        #expect(try Settings.load(from: scratch.configFile).campaign.year == 2027)
    }
}
