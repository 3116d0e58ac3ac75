// The participants' step of `internships run`, built from `[participants]` and the templates.
import Foundation
import Pipeline
import Settings

extension AppContext {
    /// Invitations, promotions and host lists as part of `run` (active once a selection is released).
    func participantPass() throws -> ParticipantPass {
        let participants = settings.participants
        return ParticipantPass(
            templates: try renderer().templates, campaignTitle: settings.campaign.name,
            settings: InvitationSettings(answerWithin: .seconds(participants.answerDays * 86_400),
                                         maxPerPerson: participants.programmesPerPerson))
    }
}
