// input:  the store after plan, the templates, the [participants] answer days and K, `now`.
// output: once the selection is released: invitations to the selected, expiries and
//         promotions from the reserve, late ДА answers seated, updated invitations after a
//         programme change, hosts' confirmed lists — queued before deliver, so they go out in
//         the same run (ParticipantDesk.invite, one transaction).
// crash:  the transaction commits whole or not at all; deliver sends what was committed.
// rerun:  InvitationRules is a fixed point and every mail has a UNIQUE dedupe key
//         (`invitation:<programme>:<participant>:<sequence>`, `hostlist:…`): nothing twice.
import Foundation
import GRDB
import Rendering
import Store

/// The invitations as a step of `internships run`, after plan and the digest, before deliver.
public struct ParticipantPass: Sendable {
    public var templates: TemplateSet
    public var campaignTitle: String
    public var settings: InvitationSettings

    public init(templates: TemplateSet, campaignTitle: String, settings: InvitationSettings) {
        self.templates = templates
        self.campaignTitle = campaignTitle
        self.settings = settings
    }

    /// Nil until a selection is released (nothing to do yet).
    func run(_ stages: Stages, now: Date) throws -> InvitationReport? {
        let campaign = stages.config.campaign
        let released = try stages.store.pool.read { db in
            try Placement.filter(Column("campaign") == campaign && Column("releasedAt") != nil).fetchCount(db)
        }
        guard released > 0 else { return nil }
        let report = try ParticipantDesk(store: stages.store, campaign: campaign).invite(
            templates: templates, campaignTitle: campaignTitle, config: stages.config, settings: settings, now: now,
            cause: "command:run")
        try stages.crash.reach("invitations.committed")
        stages.logger.info("invitations done", metadata: [
            "invitations.invited": "\(report.invited)", "invitations.expired": "\(report.expired)",
            "invitations.late_confirmed": "\(report.lateConfirmed)", "invitations.updated": "\(report.updated)",
            "invitations.host_lists": "\(report.hostLists)",
        ])
        return report
    }
}
