// Builds the "ОТПРАВИТЬ <batch>" handling for `run` and `process` from the same pieces the
// release commands use (AppContext.review(store:), the participant desk, the templates).
import Foundation
import Pipeline
import Store

extension AppContext {
    /// The coordinators' release by reply: the digest's view of what waits and a releaser over
    /// the review and participant commands. Throws on configuration or template problems (78).
    func releaseByReply(store: Store, config: PipelineConfig) throws -> ReleaseByReply {
        let review = try review(store: store, config: config)
        let digest = try DigestPass(settings: settings, store: store, config: config)
        let releaser = StandardBatchReleaser(review: review, desk: ParticipantDesk(store: store, campaign: config.campaign),
                                             templates: review.templates, campaignTitle: settings.campaign.name)
        return ReleaseByReply(digest: digest.config, releaser: releaser, templates: review.templates)
    }
}
