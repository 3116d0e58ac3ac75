// `--dry-run`: the stages run on a throw-away copy of the database, so the real one, the
// relay and the mailbox's folders are untouched; prints what deliver would send.
// (Fetching over IMAP still marks the fetched messages \Seen: a flag only, nothing moves.)
import Foundation
import MailMessage
import Pipeline
import Store

struct DryRun {
    var context: AppContext
    var store: Store
    var selected: Set<StageName>
    var answerExisting: Bool

    func execute() throws {
        let planning = selected.subtracting([.deliver, .ack])
        guard !planning.isEmpty else {
            // `send --dry-run`: what is due in the real database, read only.
            print(Self.listing(try store.dueOutbox(now: context.now), title: "would send"))
            return
        }
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("internships-dry-run-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("copy.sqlite").path
        try store.backup(to: path)
        let copy = try Store(path: path)
        let stages = try context.stages(store: copy, answerExisting: answerExisting)
        let source: IMAPMailboxSource? = planning.contains(.pickup) ? try context.mailboxSource() : nil
        let season = planning.contains(.plan) ? try context.seasonDesk(store: copy, config: stages.config) : nil
        let report = try Runner(stages: stages, lockPath: path + ".lock", season: season)
            .run(planning, source: source, sender: nil, now: context.now)
        print("dry run (nothing sent, database unchanged): \(RunSummary(report: report).text)")
        for problem in report.problems {
            FileHandle.standardError.write(Data("internships: \(problem)\n".utf8))
        }
        print(Self.listing(try copy.dueOutbox(now: context.now), title: "would send"))
        if report.exitStatus != .ok { throw CLIFailure(status: report.exitStatus.rawValue, message: "dry run incomplete") }
    }

    /// One line per message: recipient, template, subject.
    static func listing(_ rows: [OutboxMessage], title: String) -> String {
        var lines = ["\(title): \(rows.count) message\(rows.count == 1 ? "" : "s")"]
        for row in rows {
            let subject = Message.parse([UInt8](row.raw)).subject ?? "-"
            lines.append("  to \(row.recipient)  [\(row.template)]  \(subject)")
        }
        return lines.joined(separator: "\n")
    }
}
