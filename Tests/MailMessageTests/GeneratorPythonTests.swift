import Foundation
import Testing
@testable import MailMessage

// An independent reader for our output: Python's `email` package with `policy.default`
// (the modern, strict-ish parser). Each generated message is written to a temporary file,
// parsed by the script below, and the fields it reports are compared with what we meant to
// send. Skipped (with a note) where python3 is missing.

enum GeneratorPythonEmail {
    static let script = #"""
import sys, json, base64, email
from email import policy

def crlf(s):
    return s.replace('\r\n', '\n') if isinstance(s, str) else s

m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=policy.default)

def addrs(name):
    h = m[name]
    return [] if h is None else [[a.display_name, a.addr_spec] for a in h.addresses]

def defects():
    found = []
    for part in m.walk():
        found += ['%s: %s' % (type(d).__name__, d) for d in part.defects]
        for name, value in part.items():
            found += ['%s: %s: %s' % (name, type(d).__name__, d) for d in getattr(value, 'defects', ())]
    return found

out = {
    'from': addrs('From'), 'to': addrs('To'), 'cc': addrs('Cc'), 'reply_to': addrs('Reply-To'),
    'subject': str(m['Subject']), 'message_id': str(m['Message-ID']),
    'in_reply_to': str(m['In-Reply-To'] or ''), 'references': str(m['References'] or ''),
    'timestamp': m['Date'].datetime.timestamp(),
    'utc_offset': m['Date'].datetime.utcoffset().total_seconds(),
    'extra': {k: str(v) for k, v in m.items()},
    'structure': [p.get_content_type() for p in m.walk()],
    'defects': defects(),
}
plain = m.get_body(preferencelist=('plain',))
out['text'] = crlf(plain.get_content()) if plain is not None else None
html = m.get_body(preferencelist=('html',))
out['html'] = crlf(html.get_content()) if html is not None and html.get_content_type() == 'text/html' else None
out['calendars'] = [
    {'method': p.get_param('method'), 'charset': p.get_param('charset'), 'text': crlf(p.get_content())}
    for p in m.walk() if p.get_content_type() == 'text/calendar']
out['attachments'] = [
    {'filename': p.get_filename(), 'content_type': p.get_content_type(),
     'data': base64.b64encode(p.get_payload(decode=True)).decode('ascii')}
    for p in m.iter_attachments()]
print(json.dumps(out))
"""#

    /// python3 from PATH, else the usual system places.
    static let python: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let candidates = path.split(separator: ":").map { "\($0)/python3" } + ["/usr/bin/python3", "/usr/local/bin/python3"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    struct Report: Decodable {
        struct Calendar: Decodable { var method: String?; var charset: String?; var text: String }
        struct File: Decodable { var filename: String?; var content_type: String; var data: String }
        var from: [[String]]
        var to: [[String]]
        var cc: [[String]]
        var reply_to: [[String]]
        var subject: String
        var message_id: String
        var in_reply_to: String
        var references: String
        var timestamp: Double
        var utc_offset: Double
        var extra: [String: String]
        var structure: [String]
        var defects: [String]
        var text: String?
        var html: String?
        var calendars: [Calendar]
        var attachments: [File]
    }

    static func parse(_ bytes: [UInt8]) throws -> Report {
        let python = try #require(python)
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("generator-python-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("message.eml")
        try Data(bytes).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, file.path]
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python: \(String(decoding: errors, as: UTF8.self))")
        return try JSONDecoder().decode(Report.self, from: output)
    }
}

@Suite(.enabled(if: GeneratorPythonEmail.python != nil, "python3 is needed to cross-check the generator"))
struct GeneratorPythonTests {
    /// Display names compared without whitespace: CPython 3.11 keeps the whitespace between
    /// adjacent encoded words in a phrase (gh-128110, fixed by python/cpython#130749), against
    /// RFC 2047 §6.2. Exact names are checked by the encoder tests and the parser round trip.
    static func addresses(_ list: [[String]]) -> [[String]] {
        list.map { $0.map { $0.filter { !$0.isWhitespace } } }
    }

    static func expectedAddresses(_ list: [Address]) -> [[String]] {
        addresses(list.map { [Generator.sanitized($0.name ?? ""), $0.address] })
    }

    /// The non-standard `name="=?UTF-8?B?…?="` that the brief asks for old clients (RFC 2047
    /// §5 forbids encoded words in quoted strings); Python reads it and notes these defects.
    static func unexpectedDefects(_ defects: [String]) -> [String] {
        defects.filter { defect in
            !(defect.hasPrefix("Content-Type: InvalidHeaderDefect: encoded word inside quoted string")
                || defect.hasPrefix("Content-Type: InvalidHeaderDefect: missing trailing whitespace after encoded-word"))
        }
    }

    @Test(arguments: GeneratorFixtures.table)
    func pythonReadsWhatWeMeant(name: String, message: OutgoingMessage) throws {
        try Self.check(name: name, message: message)
    }

    @Test(arguments: 0..<30)
    func pythonReadsRandomMessages(seed: UInt64) throws {
        try Self.check(name: "seed \(seed)", message: GeneratorRandomTests.message(seed: seed))
    }

    static func check(name: String, message: OutgoingMessage) throws {
        let report = try GeneratorPythonEmail.parse(try message.generate())
        #expect(Self.unexpectedDefects(report.defects) == [], "\(name)")
        #expect(Self.addresses(report.from) == Self.expectedAddresses([message.from]))
        #expect(Self.addresses(report.to) == Self.expectedAddresses(message.to))
        #expect(Self.addresses(report.cc) == Self.expectedAddresses(message.cc))
        #expect(Self.addresses(report.reply_to) == Self.expectedAddresses(message.replyTo))
        #expect(report.subject == Generator.trimmedWSP(Generator.sanitized(message.subject)))
        #expect(report.message_id == "<\(message.messageID)>")
        #expect(report.in_reply_to == message.inReplyTo.map { "<\($0)>" }.joined(separator: " "))
        #expect(report.references == message.references.map { "<\($0)>" }.joined(separator: " "))
        #expect(report.timestamp == message.date.timeIntervalSince1970.rounded(.down))
        #expect(report.utc_offset == Double(message.timeZone.secondsFromGMT(for: message.date)))
        for header in message.extraHeaders {
            #expect(report.extra[header.name] == Generator.trimmedWSP(Generator.sanitized(header.value)))
        }
        #expect(report.text == Generator.normalizedText(message.textBody))
        #expect(report.html == message.htmlBody.map(Generator.normalizedText))
        if let calendar = message.calendar {
            #expect(report.calendars.count == 1)
            #expect(report.calendars.first?.method == calendar.method)
            #expect(report.calendars.first?.charset == "UTF-8")
            #expect(report.calendars.first?.text == Generator.normalizedText(calendar.text))
        } else {
            #expect(report.calendars.isEmpty)
        }
        var files = message.attachments.map {
            ($0.filename.map(Generator.safeFilename).flatMap { $0.isEmpty ? nil : $0 }, $0.contentType, $0.data)
        }
        if let calendar = message.calendar, let filename = calendar.attachmentFilename {
            files.insert((filename, "application/ics", Generator.crlfBytes(calendar.text)), at: 0)
        }
        #expect(report.attachments.count == files.count)
        for (got, want) in zip(report.attachments, files) {
            #expect(got.filename == want.0)
            #expect(got.content_type == want.1)
            #expect(Data(base64Encoded: got.data).map(Array.init) == want.2)
        }
    }

    @Test(arguments: GeneratorInjectionTests.hostile, GeneratorInjectionTests.Place.allCases)
    func pythonSeesNoInjectedHeaders(value: String, place: GeneratorInjectionTests.Place) throws {
        let report = try GeneratorPythonEmail.parse(try GeneratorInjectionTests.message(value, in: place).generate())
        #expect(Self.unexpectedDefects(report.defects) == [])
        #expect(report.extra["Bcc"] == nil && report.extra["X"] == nil)
        let clean = try GeneratorPythonEmail.parse(try GeneratorInjectionTests.message("clean", in: place).generate())
        #expect(Set(report.extra.keys) == Set(clean.extra.keys))
        #expect(report.structure == clean.structure)
        #expect(report.attachments.map(\.data) == clean.attachments.map(\.data))
        let sanitized = Generator.trimmedWSP(Generator.sanitized(value))
        switch place {
        case .subject: #expect(report.subject == sanitized)
        case .filename:
            let name = Generator.safeFilename(value)
            #expect(report.attachments.first?.filename == (name.isEmpty ? nil : name))
        case .extraValue: #expect(report.extra["X-Internships-Loop"] == sanitized)
        case .fromName: #expect(Self.addresses(report.from).first?.first == Self.addresses([[sanitized]])[0][0])
        case .toName: #expect(Self.addresses(report.to).first?.first == Self.addresses([[sanitized]])[0][0])
        case .parameterValue: break
        }
    }

    /// `GENERATOR_DUMP_DIR=/tmp/x swift test --filter dumpFixtures` writes every fixture as
    /// an .eml for a look with other readers (mutt, Thunderbird, `python3 -m email`).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["GENERATOR_DUMP_DIR"] != nil))
    func dumpFixtures() throws {
        let dir = try #require(ProcessInfo.processInfo.environment["GENERATOR_DUMP_DIR"])
        for (name, message) in GeneratorFixtures.table {
            let file = URL(fileURLWithPath: dir).appendingPathComponent(name.replacingOccurrences(of: " ", with: "-") + ".eml")
            try Data(try message.generate()).write(to: file)
        }
    }

    @Test func longRussianSubjectSurvives() throws {
        let subject = String(repeating: "Приглашение на собеседование по программе стажировок ", count: 6)
        #expect(subject.count > 300)
        let bytes = try GeneratorFixtures.message(subject: subject).generate()
        let report = try GeneratorPythonEmail.parse(bytes)
        #expect(report.subject == Generator.trimmedWSP(subject))
        #expect(GeneratorWireReport(bytes).headerLines.allSatisfy { $0.utf8.count <= 78 })
    }
}
