// parse-bench: times MailMessage on a directory of .eml files (issue 3 benchmark).
// Input: `parse-bench [--runs N] DIR` (every *.eml in DIR, sorted). Output: one JSON line
// with the byte and message counts and the CPU time (and wall time) of each run. Not a test, not shipped:
// scripts/bench-parse runs it beside CPython's email and fast-mail-parser on the same files.
// All files are read into memory first, so only parsing (plus the accessors the Python side
// also calls: the body text and every attachment's decoded bytes) is timed. The attachment
// count includes embedded messages, as Python's iter_attachments() does.

import Foundation
import MailMessage

struct Options {
    var runs = 5
    var directory = ""
}

func parseOptions(_ arguments: [String]) -> Options? {
    var options = Options()
    var rest = arguments.dropFirst()
    while let argument = rest.popFirst() {
        switch argument {
        case "--runs":
            guard let value = rest.popFirst().flatMap({ Int($0) }), value > 0 else { return nil }
            options.runs = value
        default:
            options.directory = argument
        }
    }
    return options.directory.isEmpty ? nil : options
}

func loadMessages(in directory: String) throws -> [[UInt8]] {
    let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        .filter { $0.hasSuffix(".eml") }
        .sorted()
    return try names.map { name in
        let url = URL(fileURLWithPath: directory).appendingPathComponent(name)
        return [UInt8](try Data(contentsOf: url))
    }
}

/// Parses every message once and touches what the Python side touches. The returned
/// checksum keeps the optimizer from discarding the work.
@inline(never)
func parseAll(_ messages: [[UInt8]]) -> (checksum: Int, attachments: Int, defects: Int) {
    var checksum = 0
    var attachments = 0
    var defects = 0
    for bytes in messages {
        let message = Message.parse(bytes)
        checksum &+= message.textBody.utf8.count
        for attachment in message.attachments {
            checksum &+= attachment.data.count
            attachments += 1
        }
        // Python's iter_attachments() also yields message/rfc822 parts; count forwards too
        // so the attachment columns compare like with like.
        attachments += message.embeddedMessages.count
        defects += message.defects.count
    }
    return (checksum, attachments, defects)
}

/// CPU time of this process: the machine is shared, and wall time there measures the
/// neighbours as much as the parser (the Python side uses time.process_time()).
func seconds(_ clock: clockid_t) -> Double {
    var spec = timespec()
    clock_gettime(clock, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

guard let options = parseOptions(CommandLine.arguments) else {
    FileHandle.standardError.write(Data("usage: parse-bench [--runs N] DIR\n".utf8))
    exit(64)
}
let messages: [[UInt8]]
do {
    messages = try loadMessages(in: options.directory)
} catch {
    FileHandle.standardError.write(Data("parse-bench: cannot read \(options.directory): \(error)\n".utf8))
    exit(66)
}
let totalBytes = messages.reduce(0) { $0 + $1.count }
var times: [Double] = []
var wallTimes: [Double] = []
var last = (checksum: 0, attachments: 0, defects: 0)
for _ in 0..<options.runs {
    let start = (cpu: seconds(CLOCK_PROCESS_CPUTIME_ID), wall: seconds(CLOCK_MONOTONIC))
    last = parseAll(messages)
    times.append(seconds(CLOCK_PROCESS_CPUTIME_ID) - start.cpu)
    wallTimes.append(seconds(CLOCK_MONOTONIC) - start.wall)
}
let timeList = times.map { String(format: "%.6f", $0) }.joined(separator: ", ")
let wallList = wallTimes.map { String(format: "%.6f", $0) }.joined(separator: ", ")
print("""
    {"impl": "swift", "files": \(messages.count), "bytes": \(totalBytes), \
    "runs": [\(timeList)], "wall": [\(wallList)], "errors": 0, "attachments": \(last.attachments), \
    "defects": \(last.defects), "checksum": \(last.checksum)}
    """)
