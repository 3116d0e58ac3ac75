// `internships forget EMAIL`: erases one person's personal data (152-FZ art. 21) from the
// database named in the config; `--expired` erases everyone's once the retention period after
// the campaign has passed. Counts for the report stay. Re-running erases nothing more.
import ArgumentParser
import Foundation
import Logging
import Settings
import Store

struct ForgetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forget",
        abstract: "Erase a person's personal data and raw mail; keep anonymised counts.",
        discussion: """
            Removes the raw mail, headers, form values, names and our replies of everyone \
            writing from EMAIL; submissions keep their kind, number and dates for the report. \
            The erasure is logged in the database (erasure and audit rows) without the address. \
            With --expired instead: everyone's data from the campaign, once [privacy] \
            retention_days have passed since the internships ended. \
            Exit status: 0 done, 75 database busy, 78 configuration problem.
            """)

    @Argument(help: "The person's email address.")
    var email: String?

    @Flag(name: .long, help: "Erase everyone's data of the campaign once its retention period has passed.")
    var expired = false

    @OptionGroup var options: CommonOptions

    func validate() throws {
        if expired {
            if email != nil { throw ValidationError("Give EMAIL or --expired, not both.") }
            return
        }
        guard let email else { throw ValidationError("Give the person's EMAIL (or --expired).") }
        let parts = email.split(separator: "@")
        if parts.count != 2 || email.contains(where: { $0.isWhitespace || $0.isNewline }) {
            throw ValidationError("'\(email)' is not an email address.")
        }
    }

    func run() throws {
        try reportingFailures("forget") {
            let context = try AppContext.load(options, label: "forget")
            let store = try context.openStore()
            let now = context.now
            let counts: ErasureCounts
            if expired {
                let privacy = context.settings.privacy, campaign = context.settings.campaign
                guard let cutoff = privacy.retentionCutoff(for: campaign),
                      let end = PrivacySettings(retentionDays: 0).retentionCutoff(for: campaign) else {
                    throw CLIFailure(status: CLIFailure.configuration, message: "the campaign's dates give no retention cutoff")
                }
                if now < cutoff {
                    print("nothing erased: personal data is kept until \(cutoff) ([privacy] retention_days)")
                    return
                }
                // Mail of this campaign: fetched before the day after its internships ended.
                counts = try store.forgetAll(fetchedBefore: end, at: now)
            } else {
                counts = try store.forget(email: email ?? "", at: now)
            }
            // The address is personal data: the log says how much, never whose.
            context.logger.notice("personal data erased", metadata: [
                "erasure.inbound": "\(counts.inboundMessages)", "erasure.submissions": "\(counts.submissions)",
                "erasure.outbox": "\(counts.outboxMessages)",
            ])
            print("erased: \(counts)")
        }
    }
}
