// `internships mail preview|release selection`: the participants' selection letters go out
// only through release, as the programme results do. preview reads; release queues one
// letter per applicant and freezes the selection in one transaction (re-running queues
// nothing new). The letters, then the invitations, go out with the next `internships run`.
import ArgumentParser
import Foundation
import Pipeline

extension MailCommand.Preview {
    struct Selection: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The selection draft, the letters a release would queue and one sample per outcome; sends nothing.")
        @OptionGroup var options: CommonOptions

        func run() throws {
            try reportingFailures("mail preview selection") {
                let context = try AppContext.load(options, label: "mail")
                let store = try context.openStore()
                let desk = context.participantDesk(store: store)
                for line in try desk.preview() { print(line) }
                let preview = try desk.releasePreview(templates: try context.renderer().templates, campaignTitle: context.settings.campaign.name)
                print("\n\(preview.toQueue) selection letter(s) would be queued (\(preview.alreadyQueued) already queued)")
                for sample in preview.samples {
                    print("\n==== sample selection_result (\(sample.outcome)) to \(sample.recipient) ====")
                    print("Subject: \(sample.mail.subject)\n")
                    print(sample.mail.text)
                }
            }
        }
    }
}

extension MailCommand.Release {
    struct Selection: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Queue the selection letters (one per applicant) and freeze the selection.",
            discussion: "The next `internships run` delivers them and sends the invitations. Re-running queues nothing twice.")
        @OptionGroup var options: CommonOptions

        func run() throws {
            try reportingFailures("mail release selection") {
                let context = try AppContext.load(options, label: "mail")
                let store = try context.openStore()
                let report = try context.participantDesk(store: store).release(
                    templates: try context.renderer().templates, campaignTitle: context.settings.campaign.name,
                    config: context.pipeline, now: context.now)
                print("queued \(report.queued) selection letters (\(report.alreadyQueued) already queued); "
                      + "invitations go out with the next `internships run`")
            }
        }
    }
}
