// `internships meeting announce [--release]`: the final online meeting from
// [campaign.final_meeting]. Input: the configuration, the database. Output: a preview
// (recipients, subject, text), or with --release the meeting mail with .ics queued to every
// confirmed participant, host and expert (one transaction). Re-running queues nobody twice;
// after a change of date, time or link it queues the updated .ics (SEQUENCE+1) to all who had it.
import ArgumentParser
import Foundation
import Pipeline

struct MeetingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meeting", abstract: "The final online meeting: preview and release its announcement.",
        subcommands: [Announce.self])

    struct Announce: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "announce",
            abstract: "Preview the final meeting's mail (default) or queue it with --release.",
            discussion: """
                Goes to every confirmed participant, the host of every selected programme and every expert, \
                with an .ics (Asia/Yekaterinburg). After the release, each `internships run` sends it to \
                anyone who confirms later, an update to everyone when [campaign.final_meeting] changes, \
                and a reminder the day before. The next `run` (or `send`) delivers what is queued.
                """)

        @OptionGroup var options: CommonOptions

        @Flag(name: .long, help: "Queue the mail (otherwise only print what would be sent).")
        var release = false

        func run() throws {
            try reportingFailures("meeting announce") {
                let context = try AppContext.load(options, label: "meeting")
                let store = try context.openStore()
                let desk = try context.seasonDesk(store: store, config: PipelineConfig(settings: context.settings))
                if release {
                    let report = try desk.announceMeeting(now: context.now)
                    print("queued \(report.meetingAnnouncements) meeting mails, \(report.meetingUpdates) updates, \(report.meetingReminders) reminders")
                    return
                }
                let preview = try desk.meetingPreview(now: context.now)
                print(preview.released ? "released; would send now to those who do not have the current version:"
                                       : "not released yet; --release would send to:")
                for role in ["participant", "host", "expert"] {
                    let people = preview.recipients.filter { $0.role == role }
                    print("  \(role)s: \(people.count)")
                    for person in people { print("    \(person.email)") }
                }
                if preview.alreadySent > 0 { print("  already have the current version: \(preview.alreadySent)") }
                print("")
                print("Subject: \(preview.subject)")
                print(preview.text)
            }
        }
    }
}
