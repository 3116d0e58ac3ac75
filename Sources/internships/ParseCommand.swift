// `internships parse [--json] FILE...`: parse message files and print what was understood.
// Input: .eml files. Output: one JSON object per line per file (docs/product.md).
// Touches neither the database nor the network; re-running is trivially safe.

import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import Forms
import Foundation
import MailMessage
import Settings

struct ParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse", abstract: "Parse message files and print what was understood.")

    @Flag(name: .long, help: "Print one JSON object per file (the format of docs/product.md).")
    var json = false

    @Option(name: .customLong("own-address"), help: "Our own address, for class `own` (repeatable).")
    var ownAddresses: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "The mail-templates folder (for the wording of form errors).",
        discussion: "Default: $INTERNSHIPS_TEMPLATES, else the mail-templates folder next to the executable's repository."))
    var templates: String?

    @Option(name: .long, help: "Year for dates written without one (default: the year of each message's Date).")
    var year: Int?

    @Argument(help: "Message files (.eml, raw RFC 5322 bytes).")
    var files: [String]

    @Option(name: .customLong("repeat"), help: ArgumentHelp("Parse every file N times and report the time (profiling).",
                                                            visibility: .hidden))
    var repetitions: Int = 0

    func run() async throws {
        let classifier = Classifier(ownAddresses: Set(ownAddresses.map { $0.lowercased() }))
        if repetitions > 0 {
            timeParsing(classifier: classifier)
            return
        }
        let reader = FormReaderCache(wording: loadWording(), year: year)
        var missing = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                missing += 1
                FileHandle.standardError.write(Data(
                    "internships parse: cannot read \(file) — check that the file exists and is readable\n".utf8))
                continue
            }
            let message = Message.parse([UInt8](data))
            let summary = MessageSummary(message, classifier: classifier)
            let reading = reader.reader(for: message).read(message)
            let plan = ReplyPlan.decide(messageClass: summary.messageClass, reading: reading,
                                        from: message.from, replyTo: message.replyTo)
            let report = ParseReport(file: file, message: summary,
                                     form: reading.kind == nil ? .null : JSONValue.encoded(reading),
                                     reply: JSONValue.encoded(plan))
            if json {
                print(report.jsonLine())
            } else {
                let s = report.message
                print("\(file): \(s.messageClass.rawValue) from \(s.from ?? "-") subject \(s.subject ?? "-")"
                      + " attachments \(s.attachments.count) defects \(s.defects.joined(separator: ","))"
                      + " form \(reading.kind?.rawValue ?? "-") errors \(reading.errors.map(\.code).joined(separator: ","))"
                      + " reply \(plan.template ?? "-")")
            }
        }
        if missing > 0 { throw ExitCode(66) }  // EX_NOINPUT
    }
}

extension ParseCommand {
    /// The coordinators' wording of form errors, when the templates folder has it; the
    /// built-in sentences otherwise.
    func loadWording() -> FormErrorWording {
        let environment = ProcessInfo.processInfo.environment
        guard let folder = templates.map({ URL(fileURLWithPath: $0, isDirectory: true) })
                ?? ExampleSetup.locateTemplates(environment: environment, executable: Bundle.main.executableURL),
              let data = FileManager.default.contents(atPath: folder.appendingPathComponent("form-errors.ru.toml").path)
        else { return FormErrorWording() }
        let (wording, problems) = FormErrorWording.parse(String(decoding: data, as: UTF8.self))
        for problem in problems {
            FileHandle.standardError.write(Data("internships parse: form-errors.ru.toml \(problem)\n".utf8))
        }
        return wording
    }

    /// Parse + summary of every readable file, `repetitions` times, in memory; prints
    /// microseconds per message to stderr. For profiling the parser, not a benchmark suite.
    func timeParsing(classifier: Classifier) {
        let inputs = files.compactMap { FileManager.default.contents(atPath: $0).map { [UInt8]($0) } }
        var sink = 0
        let count = inputs.count * repetitions
        // CPU time of this thread: other processes on a busy machine do not count.
        func cpuSeconds() -> Double {
            var ts = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
            return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
        }
        func measure(_ body: () -> Void) -> Double {
            let start = cpuSeconds()
            body()
            return cpuSeconds() - start
        }
        func microsPerMessage(_ s: Double) -> Double { count > 0 ? s / Double(count) * 1e6 : 0 }
        let parseOnly = measure {
            for _ in 0..<repetitions {
                for bytes in inputs { sink &+= Message.parse(bytes).root.children.count }
            }
        }
        let withBody = measure {
            for _ in 0..<repetitions {
                for bytes in inputs {
                    let m = Message.parse(bytes)
                    sink &+= m.textBody.utf8.count &+ m.attachments.count
                }
            }
        }
        let withSummary = measure {
            for _ in 0..<repetitions {
                for bytes in inputs {
                    sink &+= MessageSummary(Message.parse(bytes), classifier: classifier).text.utf8.count
                }
            }
        }
        FileHandle.standardError.write(Data(("\(count) messages: parse \(microsPerMessage(parseOnly)) us/message, "
            + "parse+textBody+attachments \(microsPerMessage(withBody)) us/message, "
            + "parse+summary \(microsPerMessage(withSummary)) us/message, CPU time (\(sink))\n").utf8))
    }
}

/// One line of `parse --json`: the file, the message summary, and (later issues) the form
/// and the reply decision, rendered with keys in the documented order.
struct ParseReport {
    var file: String
    var message: MessageSummary
    /// The form found (Forms.FormReading), or null.
    var form: JSONValue = .null
    /// Whether and how the message would be answered (Forms.ReplyPlan).
    var reply: JSONValue = .null

    var jsonValue: JSONValue {
        let m = message
        return .object([
            ("file", .string(file)),
            ("message", .object([
                ("from", .optionalString(m.from)),
                ("reply_to", .optionalString(m.replyTo)),
                ("subject", .optionalString(m.subject)),
                ("message_id", .optionalString(m.messageID)),
                ("date", .optionalString(m.date)),
                ("class", .string(m.messageClass.rawValue)),
                ("text", .string(m.text)),
                ("attachments", .array(m.attachments.map { a in
                    .object([
                        ("filename", .optionalString(a.filename)),
                        ("content_type", .string(a.contentType)),
                        ("size", .int(a.size)),
                    ])
                })),
                ("defects", .array(m.defects.map { .string($0) })),
            ])),
            ("form", form),
            ("reply", reply),
        ])
    }

    func jsonLine() -> String { jsonValue.rendered() }
}

/// A JSON value with ordered object keys (JSONEncoder sorts or scrambles them).
enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])
    /// Already-encoded JSON text (from JSONEncoder).
    case raw(String)

    /// A Codable value as JSON text; encoding our own value types cannot fail, but if it
    /// ever did the line stays valid JSON with null in its place.
    static func encoded(_ value: some Encodable) -> JSONValue {
        let encoder = JSONEncoder()
        // Sorted: the same message prints the same bytes on every run.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return .null }
        return .raw(String(decoding: data, as: UTF8.self))
    }

    static func optionalString(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }

    static func == (a: JSONValue, b: JSONValue) -> Bool { a.rendered() == b.rendered() }

    func rendered() -> String {
        var out = ""
        render(into: &out)
        return out
    }

    private func render(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .raw(let text): out += text
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .string(let s): Self.quote(s, into: &out)
        case .array(let items):
            out += "["
            for (k, v) in items.enumerated() {
                if k > 0 { out += "," }
                v.render(into: &out)
            }
            out += "]"
        case .object(let pairs):
            out += "{"
            for (k, (key, v)) in pairs.enumerated() {
                if k > 0 { out += "," }
                Self.quote(key, into: &out)
                out += ":"
                v.render(into: &out)
            }
            out += "}"
        }
    }

    private static func quote(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}

/// One FormReader per default year: dates written without a year take the year of the
/// message's own Date (in Perm's time zone), unless `--year` says otherwise.
final class FormReaderCache {
    private let wording: FormErrorWording
    private let year: Int?
    private var readers: [Int: FormReader] = [:]
    private let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Asia/Yekaterinburg") ?? TimeZone(secondsFromGMT: 5 * 3600) ?? c.timeZone
        return c
    }()

    init(wording: FormErrorWording, year: Int?) {
        self.wording = wording
        self.year = year
    }

    func reader(for message: Message) -> FormReader {
        let y = year ?? message.date.map { calendar.component(.year, from: $0) } ?? 0
        if let r = readers[y] { return r }
        let r = FormReader(wording: wording, defaultYear: y == 0 ? nil : y)
        readers[y] = r
        return r
    }
}
