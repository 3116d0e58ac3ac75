// What `run`, `fetch`, `process` and `send` share: build the stages from the configuration,
// run the selected ones under the lock (Runner), print a summary, exit with sysexits.
import ArgumentParser
import Foundation
import Logging
import MailMessage
import Pipeline
import Store

struct StageInvocation {
    var command: String
    var selected: Set<StageName>
    var options: CommonOptions
    var dryRun = false
    var answerExisting = false

    func execute() throws {
        try reportingFailures(command) {
            let context = try AppContext.load(options, label: command)
            let store = try context.openStore()
            if dryRun {
                try DryRun(context: context, store: store, selected: selected, answerExisting: answerExisting).execute()
                return
            }
            let stages = try context.stages(store: store, answerExisting: answerExisting)
            let needsMailbox = !selected.isDisjoint(with: [.pickup, .ack])
            let source: IMAPMailboxSource? = needsMailbox ? try context.mailboxSource() : nil
            let sender: SMTPMailSender? = selected.contains(.deliver) ? try context.mailSender() : nil
            // `run` also queues the coordinators' digest when its hour has come (once a day).
            let digest = selected.contains(.plan) && selected.contains(.deliver)
                ? try DigestPass(settings: context.settings, store: store, config: stages.config) : nil
            // … and, once the selection is released, the invitations, promotions and host lists.
            let participants = selected.contains(.plan) && selected.contains(.deliver)
                ? try context.participantPass() : nil
            // ... and the season's mails that are due (reminders, feedback requests, the meeting).
            let season = selected.contains(.plan) ? try context.seasonDesk(store: store, config: stages.config) : nil
            // Coordinators' "ОТПРАВИТЬ <batch>" replies, wherever apply runs (`run`, `process`).
            let releaseByReply = selected.contains(.apply) ? try context.releaseByReply(store: store, config: stages.config) : nil
            let report = try Runner(stages: stages, digest: digest, participants: participants, season: season,
                                    releaseByReply: releaseByReply)
                .run(selected, source: source, sender: sender, now: context.now)
            let summary = RunSummary(report: report)
            print("\(command): \(summary.text)")
            for problem in report.problems {
                FileHandle.standardError.write(Data("internships \(command): \(problem)\n".utf8))
            }
            if summary.ranAnything {
                do {
                    try store.recordRun(command: command, at: context.now, summary: summary.text)
                } catch {
                    context.logger.warning("could not record the run", metadata: ["error": "\(error)"])
                }
            }
            if report.exitStatus != .ok { throw ExitCode(report.exitStatus.rawValue) }
        }
    }
}

/// One line a person reads: what each stage did.
struct RunSummary {
    var parts: [String] = []
    var ranAnything = false

    init(report: RunReport) {
        if let p = report.pickup {
            ranAnything = true
            var text = "fetched \(p.fetched), stored \(p.stored)"
            if p.imported > 0 { text += ", imported without reply \(p.imported)" }
            if p.duplicates > 0 { text += ", duplicates \(p.duplicates)" }
            if p.uidValidityChanged { text += ", UIDVALIDITY changed" }
            parts.append(text)
        }
        if let p = report.parse {
            ranAnything = true
            parts.append("parsed \(p.parsed) (held \(p.held), quarantined \(p.quarantined))")
        }
        if let a = report.apply {
            ranAnything = true
            parts.append("submissions \(a.submitted) (replacing \(a.replaced))")
        }
        if let p = report.plan {
            ranAnything = true
            // `help_suppressed`: a second question the same day, answered by the first help reply.
            let queued = p.queued.filter { !$0.key.hasSuffix("_suppressed") }
            let suppressed = p.queued.filter { $0.key.hasSuffix("_suppressed") }.values.reduce(0, +)
            let kinds = queued.keys.sorted().map { "\($0) \(queued[$0] ?? 0)" }.joined(separator: ", ")
            parts.append("replies queued \(queued.values.reduce(0, +))" + (kinds.isEmpty ? "" : " (\(kinds))")
                         + ", questions \(p.questions), help already sent today \(suppressed), no reply (robots) \(p.silent)")
        }
        if let r = report.releaseReplies, !r.outcomes.isEmpty {
            let counts = Dictionary(grouping: r.outcomes.values, by: \.rawValue).mapValues(\.count)
            parts.append("ОТПРАВИТЬ replies: " + counts.keys.sorted().map { "\($0) \(counts[$0] ?? 0)" }.joined(separator: ", "))
        }
        if let d = report.digest {
            let queued = d.outcomes.values.filter { $0 == .queued || $0 == .heartbeat }.count
            if queued > 0 { parts.append("digest queued for \(queued) coordinator(s)") }
        }
        if let i = report.invitations {
            let moved = [("invited", i.invited), ("expired", i.expired), ("late ДА seated", i.lateConfirmed),
                         ("updated", i.updated), ("host lists", i.hostLists)].filter { $0.1 > 0 }
            if !moved.isEmpty { parts.append("invitations: " + moved.map { "\($0.0) \($0.1)" }.joined(separator: ", ")) }
        }
        if let s = report.season, s.total > 0 {
            parts.append("season queued \(s.reminders) reminders, \(s.feedbackRequests) feedback requests, "
                         + "\(s.meetingAnnouncements + s.meetingUpdates) meeting mails, \(s.meetingReminders) meeting reminders")
        }
        if let d = report.deliver {
            ranAnything = true
            var text = "sent \(d.sent), deferred \(d.deferred), dead \(d.dead)"
            if d.budgetExhausted { text += ", daily budget reached" }
            parts.append(text)
        }
        if let a = report.ack {
            ranAnything = true
            parts.append("moved to processed \(a.moved)")
        }
        parts.append("exit \(report.exitStatus.rawValue)")
    }

    var text: String { parts.joined(separator: "; ") }
}
