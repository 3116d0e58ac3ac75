// Builds the "ОТПРАВИТЬ <batch>" handling for `run` and `process` from the same pieces the
// release commands use (CommandContext.review(), the participant desk, the templates).
import Foundation
import Pipeline
import Store

extension AppContext {
    /// The coordinators' release by reply: the digest's view of what waits and a releaser over
    /// the review and participant commands. Throws on configuration or template problems (78).
    func releaseByReply(store: Store, config: PipelineConfig) throws -> ReleaseByReply {
        let commands = CommandContext(settings: settings, store: store, pipeline: config, now: now, logger: logger)
        let review = try commands.review()
        let digest = try DigestPass(settings: settings, store: store, config: config)
        let releaser = StandardBatchReleaser(review: review, desk: ParticipantDesk(store: store, campaign: config.campaign),
                                             templates: review.templates, campaignTitle: settings.campaign.name)
        return ReleaseByReply(digest: digest.config, releaser: releaser, templates: review.templates)
    }
}
