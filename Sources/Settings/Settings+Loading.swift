import Foundation
import MailTransport
import TOMLKit

extension Settings {
    /// Reads and validates `internships.toml`. Every problem in the file is reported at once
    /// in a `ConfigError` (exit 78); secrets are not read (see `SecretSource.read`).
    public static func load(from file: URL) throws(ConfigError) -> Settings {
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            let reason = FileManager.default.fileExists(atPath: file.path)
                ? "cannot be read as UTF-8 text (\(error.localizedDescription))"
                : "no such file — create one with `internships init DIR`"
            throw ConfigError(file: file, problems: [ConfigProblem(key: "file", message: reason)])
        }
        return try parse(text, file: file)
    }

    /// Validates TOML text as if it were the content of `file` (relative paths resolve against
    /// `file`'s folder). Checks that `ca_file`s exist; touches nothing else on disk.
    public static func parse(_ text: String, file: URL) throws(ConfigError) -> Settings {
        // toml++ aborts the process on some malformed table headers (see TOMLPrecheck).
        if let problem = TOMLPrecheck.problem(in: text) {
            throw ConfigError(file: file, problems: [problem])
        }
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let at = "line \(error.source.begin.line), column \(error.source.begin.column)"
            throw ConfigError(file: file, problems: [ConfigProblem(key: "syntax", message: "\(error.description) at \(at) — this is not valid TOML")])
        } catch {
            throw ConfigError(file: file, problems: [ConfigProblem(key: "syntax", message: "not valid TOML (\(error))")])
        }
        let loader = SettingsLoader(base: file.deletingLastPathComponent(), problems: ProblemList())
        let settings = loader.settings(root, file: file)
        guard let settings, loader.problems.items.isEmpty else {
            throw ConfigError(file: file, problems: loader.problems.items)
        }
        return settings
    }
}

/// The walk over the document: one method per section, each returning nil when a value it
/// needs is bad (the problem is already recorded), so the caller can keep going.
struct SettingsLoader {
    let base: URL
    let problems: ProblemList

    static let sections = ["campaign", "mailbox", "smtp", "coordinators", "experts", "database", "templates", "delivery",
                           "review", "digest", "security", "privacy", "participants"]

    func settings(_ root: TOMLTable, file: URL) -> Settings? {
        let top = TableReader(root, label: "", known: Self.sections, problems: problems)
        let campaign = section(top, "campaign", required: true).flatMap(campaign)
        let mailbox = section(top, "mailbox", required: true).flatMap(mailbox)
        let smtp = section(top, "smtp", required: true).flatMap(smtp)
        let coordinators = people(top, "coordinators", atLeastOne: true, known: ["name", "email"]) { (r: TableReader) -> Coordinator? in
            guard let name = r.string("name"), let email = address(r, "email") else { return nil }
            return Coordinator(name: name, email: email)
        }
        let experts = people(top, "experts", atLeastOne: false, known: ["name", "email", "organisation", "territory"]) { (r: TableReader) -> Expert? in
            let name = r.string("name"), email = address(r, "email")
            let org = r.string("organisation"), territory = r.string("territory")
            guard let name, let email, let org, let territory else { return nil }
            return Expert(name: name, email: email, organisation: org, territory: territory)
        }
        let database = section(top, "database", required: false)
        let databasePath = path(database, "path", default: "internships.sqlite")
        let templates = section(top, "templates", required: false)
        let templatesDirectory = path(templates, "dir", default: "mail-templates")
        let delivery = section(top, "delivery", required: false).map(delivery) ?? .standard
        let security = section(top, "security", required: false).map(self.security) ?? .standard
        let privacy = section(top, "privacy", required: false).map(self.privacy) ?? .standard
        let participants = section(top, "participants", required: false).map(self.participants) ?? .standard

        guard let campaign, let mailbox, let smtp, let coordinators, let experts, let delivery,
              let databasePath, let templatesDirectory
        else { return nil }
        var settings = Settings(
            file: file, campaign: campaign, mailbox: mailbox, smtp: smtp, coordinators: coordinators,
            experts: experts, databasePath: databasePath, templatesDirectory: templatesDirectory,
            delivery: delivery)
        guard let security, let privacy, let participants else { return nil }
        settings.security = security
        settings.privacy = privacy
        settings.participants = participants
        return settings
    }

    static let known: [String: [String]] = [
        "campaign": ["name", "year", "time_zone", "program_call", "expert_review", "participant_call", "internships", "final_meeting"],
        "mailbox": ["imap_url", "user", "password_file", "password_env", "ca_file", "folder", "processed_folder",
                    "parallel_fetches", "search_window", "allow_plain_loopback", "starttls", "connect_timeout_s",
                    "low_speed_timeout_s"],
        "smtp": ["url", "user", "password_file", "password_env", "ca_file", "from", "reply_to", "daily_budget",
                 "helo_name", "allow_plain_loopback", "starttls", "connect_timeout_s", "low_speed_timeout_s"],
        "database": ["path"],
        "templates": ["dir"],
        "delivery": ["retry_schedule_minutes", "lifetime_hours"],
    ]

    private func section(_ top: TableReader, _ name: String, required: Bool) -> TableReader? {
        guard let value = top.table[name] else {
            if required { problems.add("[\(name)]", "missing — add the [\(name)] section (`internships init` writes an example)") }
            return nil
        }
        guard let t = value.table else {
            problems.add("[\(name)]", "expected a table [\(name)], got \(value.type)")
            return nil
        }
        return TableReader(t, label: "[\(name)]", known: Self.known[name] ?? Self.hardeningKnown[name] ?? Self.participantsKnown[name] ?? [], problems: problems)
    }

    // MARK: [campaign]

    private func campaign(_ r: TableReader) -> Campaign? {
        let name = r.string("name")
        let year = r.int("year", range: 2000...2100)
        let zone = timeZone(r)
        let programCall = r.table("program_call", known: ["opens", "closes"]).flatMap { window($0, "opens", "closes") }
        let expertReview = r.table("expert_review", known: ["closes"]).flatMap { $0.day("closes") }
        let participantCall = r.table("participant_call", known: ["opens", "closes"]).flatMap { window($0, "opens", "closes") }
        let internships = r.table("internships", known: ["from", "to"]).flatMap { window($0, "from", "to") }
        var meeting: FinalMeeting?? = .some(nil)
        if let m = r.table("final_meeting", known: ["date", "time", "link", "agenda"], required: false) {
            meeting = finalMeeting(m)
        }
        guard let name, let year, let zone, let programCall, let expertReview, let participantCall,
              let internships, let meeting
        else { return nil }
        if expertReview < programCall.last {
            r.problem("expert_review.closes", "\(expertReview) is before program_call.closes \(programCall.last) — experts need the programmes first")
        }
        if internships.first < participantCall.first {
            r.problem("internships.from", "\(internships.first) is before participant_call.opens \(participantCall.first) — internships follow the participant call")
        }
        for (key, day) in [("program_call.opens", programCall.first), ("internships.to", internships.last)]
        where !(year - 1...year + 1).contains(day.year) {
            r.problem(key, "\(day) is not near the campaign year \(year) — check the year")
        }
        return Campaign(
            name: name, year: year, timeZone: zone, programCall: programCall, expertReviewCloses: expertReview,
            participantCall: participantCall, internships: internships, finalMeeting: meeting)
    }

    private func timeZone(_ r: TableReader) -> TimeZone? {
        guard r.table["time_zone"] != nil else { return TimeZone(identifier: "Asia/Yekaterinburg") }
        guard let id = r.string("time_zone") else { return nil }
        guard id.contains("/") || id == "UTC", let zone = TimeZone(identifier: id) else {
            r.problem("time_zone", "'\(id)' is not an IANA time zone — use e.g. \"Asia/Yekaterinburg\" (Perm)")
            return nil
        }
        return zone
    }

    private func window(_ r: TableReader, _ firstKey: String, _ lastKey: String) -> DateWindow? {
        let first = r.day(firstKey), last = r.day(lastKey)
        guard let first, let last else { return nil }
        guard first <= last else {
            r.problem(lastKey, "\(last) is before \(firstKey) \(first) — the window must not end before it starts")
            return nil
        }
        return DateWindow(first: first, last: last)
    }

    private func finalMeeting(_ r: TableReader) -> FinalMeeting? {
        let date = r.day("date")
        var time: ClockTime?
        if let t = r.string("time") {
            time = ClockTime(text: t)
            if time == nil { r.problem("time", "'\(t)' is not a time — write HH:MM, e.g. \"15:00\"") }
        }
        var link: URL?
        if let l = r.string("link") {
            let components = URLComponents(string: l)
            if let components, components.scheme?.lowercased() == "https", components.host?.isEmpty == false {
                link = URL(string: l)
            } else {
                r.problem("link", "'\(l)' is not an https:// link — paste the meeting's https URL")
            }
        }
        let agenda = r.string("agenda", required: false)
        guard let date, let time, let link else { return nil }
        return FinalMeeting(date: date, time: time, link: link, agenda: agenda)
    }

    // MARK: [mailbox], [smtp]

    private func mailbox(_ r: TableReader) -> MailboxSettings? {
        let server = endpoint(r, "imap_url", proto: .imap)
        let user = r.string("user")
        let password = passwordSource(r, required: true)
        let ca = caFile(r)
        let folder = r.table["folder"] == nil ? "INBOX" : r.string("folder")
        let processed = r.table["processed_folder"] == nil ? "Processed" : r.string("processed_folder")
        let parallel = r.int("parallel_fetches", default: 2, range: 1...8)
        let window = r.int("search_window", default: 5_000, range: 100...100_000)
        let connect = r.seconds("connect_timeout_s", default: 20, range: 1...600)
        let lowSpeed = r.seconds("low_speed_timeout_s", default: 60, range: 1...3_600)
        guard let server, let user, let password = password.flatMap({ $0 }), let ca, let folder, let processed,
              let parallel, let window, let connect, let lowSpeed
        else { return nil }
        if folder == processed {
            r.problem("processed_folder", "is the same folder as folder ('\(folder)') — processed mail must move elsewhere, e.g. \"Processed\"")
            return nil
        }
        return MailboxSettings(
            endpoint: server.endpoint, url: server.url, user: user, password: password, caFile: ca, folder: folder,
            processedFolder: processed, parallelFetches: parallel, searchWindow: window,
            allowPlainLoopback: server.allowPlain, startTLS: server.startTLS, connectTimeout: connect,
            lowSpeedTimeout: lowSpeed)
    }

    private func smtp(_ r: TableReader) -> RelaySettings? {
        let server = endpoint(r, "url", proto: .smtp)
        let user: String?? = r.table["user"] == nil ? .some(nil) : r.string("user").map { .some($0) }
        let password = passwordSource(r, required: false)
        let ca = caFile(r)
        let from = namedAddress(r, "from", required: true)
        let replyTo = namedAddress(r, "reply_to", required: false)
        let budget = r.int("daily_budget", default: 500, range: 1...1_000_000)
        let helo: String?? = r.table["helo_name"] == nil ? .some(nil) : r.string("helo_name").map { .some($0) }
        let connect = r.seconds("connect_timeout_s", default: 20, range: 1...600)
        let lowSpeed = r.seconds("low_speed_timeout_s", default: 60, range: 1...3_600)
        guard let server, let user, let password, let ca, let from = from.flatMap({ $0 }), let replyTo,
              let budget, let helo, let connect, let lowSpeed
        else { return nil }
        if user != nil, password == nil {
            r.problem("password_file", "missing — user is set, so give password_file = \"...\" or password_env = \"...\"")
            return nil
        }
        if user == nil, password != nil {
            r.problem("user", "missing — a password is configured, so give the login name too (or remove the password)")
            return nil
        }
        return RelaySettings(
            endpoint: server.endpoint, url: server.url, user: user, password: password, caFile: ca, from: from,
            replyTo: replyTo ?? from, dailyBudget: budget, heloName: helo, allowPlainLoopback: server.allowPlain,
            startTLS: server.startTLS, connectTimeout: connect, lowSpeedTimeout: lowSpeed)
    }

    /// The URL and the TLS decision, by MailTransport's rule (`MailEndpoint`), with messages
    /// naming the config keys. Plain text is refused to any non-loopback host: a password
    /// must never cross a network in the clear.
    private func endpoint(_ r: TableReader, _ key: String, proto: MailProtocol)
        -> (endpoint: MailEndpoint, url: String, allowPlain: Bool, startTLS: Bool)?
    {
        let allowPlain = r.bool("allow_plain_loopback", default: false)
        let startTLS = r.bool("starttls", default: false)
        guard let url = r.string(key) else { return nil }
        let plain = proto.rawValue, tls = proto.rawValue + "s", name = proto.rawValue.uppercased()
        guard let c = URLComponents(string: url), let scheme = c.scheme?.lowercased(),
              let host = c.host, !host.isEmpty
        else {
            r.problem(key, "'\(url)' is not a URL — write e.g. \(tls)://mail.example.org")
            return nil
        }
        guard scheme == plain || scheme == tls else {
            r.problem(key, "'\(url)' has scheme \(scheme) — use \(tls):// (TLS) or \(plain)://")
            return nil
        }
        if c.user != nil || c.password != nil {
            r.problem(key, "contains a user or password — put them in user and password_file instead")
            return nil
        }
        if !(c.path.isEmpty || c.path == "/") || c.query != nil {
            r.problem(key, "'\(url)' has a path or query — give only scheme, host and port\(proto == .imap ? "; name the folder with folder = \"INBOX\"" : "")")
            return nil
        }
        guard let allowPlain, let startTLS else { return nil }
        let loopback = MailEndpoint.isLoopback(host)
        if scheme == tls, startTLS {
            r.problem("starttls", "\(tls):// is already TLS — remove starttls, or use \(plain):// with starttls = true")
            return nil
        }
        if allowPlain, !loopback {
            r.problem("allow_plain_loopback", "is set but \(host) is not a loopback address — remove it; plain text is for 127.0.0.1 only")
            return nil
        }
        if scheme == plain, !loopback, !startTLS {
            r.problem(key, "'\(url)' is plain \(name) to a non-loopback host — use \(tls):// (or \(plain):// with starttls = true); allow_plain_loopback applies only to 127.0.0.1")
            return nil
        }
        do {
            let endpoint = try MailEndpoint(url: url, proto: proto, allowPlainToLoopback: allowPlain, startTLSToRemote: startTLS)
            return (endpoint, url, allowPlain, startTLS)
        } catch {
            r.problem(key, error.hint)
            return nil
        }
    }

    /// `.some(nil)`: none given and none required; nil: a problem was recorded.
    private func passwordSource(_ r: TableReader, required: Bool) -> SecretSource?? {
        let hasFile = r.table["password_file"] != nil, hasEnv = r.table["password_env"] != nil
        switch (hasFile, hasEnv) {
        case (true, true):
            r.problem("password_env", "both password_file and password_env are set — keep one")
            return nil
        case (false, false):
            if required {
                r.problem("password_file", "missing — give password_file = \"secrets/imap-password\" (a file, chmod 600) or password_env = \"VARIABLE\"")
                return nil
            }
            return .some(nil)
        case (true, false):
            guard let p = r.string("password_file") else { return nil }
            return .some(.file(resolve(p)))
        case (false, true):
            guard let name = r.string("password_env") else { return nil }
            let valid = name.first.map { $0 == "_" || ($0.isASCII && $0.isLetter) } == true
                && name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
            guard valid else {
                r.problem("password_env", "'\(name)' is not an environment variable name — use letters, digits and _, e.g. INTERNSHIPS_IMAP_PASSWORD")
                return nil
            }
            return .some(.environment(name))
        }
    }

    /// `.some(nil)`: not set (the system's CA store); nil: a problem was recorded.
    private func caFile(_ r: TableReader) -> URL?? {
        guard r.table["ca_file"] != nil else { return .some(nil) }
        guard let p = r.string("ca_file") else { return nil }
        let url = resolve(p)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            r.problem("ca_file", "\(url.path) does not exist — give the PEM file of the CA that signed the server's certificate, or remove the line to use the system's CAs")
            return nil
        }
        return .some(url)
    }

    /// `.some(nil)`: absent and optional.
    private func namedAddress(_ r: TableReader, _ key: String, required: Bool) -> NamedAddress?? {
        guard r.table[key] != nil || required else { return .some(nil) }
        guard let text = r.string(key) else { return nil }
        guard let parsed = NamedAddress(parsing: text) else {
            r.problem(key, "'\(text)' is not an address — write \"Name <user@example.org>\" or \"user@example.org\"")
            return nil
        }
        return .some(parsed)
    }

    private func address(_ r: TableReader, _ key: String) -> String? {
        guard let text = r.string(key) else { return nil }
        guard let address = NamedAddress.normalised(text) else {
            r.problem(key, "'\(text)' is not an email address — write user@example.org")
            return nil
        }
        return address
    }

    // MARK: people, paths, delivery

    private func people<P>(
        _ top: TableReader, _ name: String, atLeastOne: Bool, known: [String], _ read: (TableReader) -> P?
    ) -> [P]? {
        guard let value = top.table[name] else {
            if atLeastOne { problems.add("[[\(name)]]", "missing — add at least one [[\(name)]] entry with \(known.joined(separator: ", "))") }
            return atLeastOne ? nil : []
        }
        guard let array = value.array else {
            problems.add("[[\(name)]]", "expected an array of tables ([[\(name)]] entries), got \(value.type)")
            return nil
        }
        var result: [P] = []
        var ok = true
        var seen: [String: Int] = [:]
        for (index, element) in array.enumerated() {
            let label = "[[\(name)]] #\(index + 1)"
            guard let t = element.table else {
                problems.add(label, "expected a table with \(known.joined(separator: ", ")), got \(element.type)")
                ok = false
                continue
            }
            let reader = TableReader(t, label: label, known: known, problems: problems)
            guard let person = read(reader) else { ok = false; continue }
            if let email = reader.table["email"]?.string.flatMap(NamedAddress.normalised) {
                if let first = seen[email] {
                    reader.problem("email", "\(email) is already #\(first) — each person once")
                    ok = false
                }
                seen[email] = index + 1
            }
            result.append(person)
        }
        if atLeastOne, array.isEmpty {
            problems.add("[[\(name)]]", "is empty — add at least one entry")
            return nil
        }
        return ok ? result : nil
    }

    /// A path from the file, absolute or relative to the config's folder; `~` is not expanded
    /// (cron's environment may lack HOME), so it is refused rather than misread.
    private func path(_ r: TableReader?, _ key: String, default fallback: String) -> URL? {
        guard let r, r.table[key] != nil else { return resolve(fallback) }
        guard let p = r.string(key) else { return nil }
        if p.hasPrefix("~") {
            r.problem(key, "'\(p)' starts with ~ — write an absolute path or one relative to the config file's folder")
            return nil
        }
        return resolve(p)
    }

    func resolve(_ path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path).standardizedFileURL
            : URL(fileURLWithPath: path, relativeTo: base).standardizedFileURL.absoluteURL
    }

    private func delivery(_ r: TableReader) -> DeliverySettings? {
        let standard = DeliverySettings.standard
        let schedule = r.table["retry_schedule_minutes"] == nil
            ? standard.retrySchedule
            : r.ints("retry_schedule_minutes", range: 1...10_080)?.map { Duration.seconds($0 * 60) }
        let lifetime = r.int("lifetime_hours", default: 72, range: 1...720).map { Duration.seconds($0 * 3600) }
        guard let schedule, let lifetime else { return nil }
        return DeliverySettings(retrySchedule: schedule, lifetime: lifetime)
    }
}
