// The loop brake's limit per address: 10 replies a programme day for anyone, more for the
// people the programme knows — an expert sends a score sheet per programme (30 in a day is
// normal), a coordinator or a host writes often. Their acknowledgements are not held; a
// ceiling still stops a loop through a misconfigured responder at such an address.
// Help and error replies have their own limits (one help, at most `errorRepliesPerDay` error
// replies a sender a day: product.md) in Stages+Plan, whoever the sender is.
import Foundation
import GRDB
import Store

extension Stages {
    /// Replies a day to a registered address at most (an expert has ~10–40 programmes).
    static let registeredRepliesPerDay = 100

    /// How many replies `recipient` may get for mail of the programme day `day` before the
    /// next is held: `registeredRepliesPerDay` for configured experts and coordinators and for
    /// hosts registered before that day (a programme from them on an earlier day, so a
    /// responder echoing our acknowledgement cannot register itself), else
    /// `maxRepliesPerRecipientPerDay`.
    func replyLimit(_ db: Database, recipient: String, day: DateInterval) throws -> Int {
        let standard = config.maxRepliesPerRecipientPerDay
        let registered = max(standard, Self.registeredRepliesPerDay)
        let address = recipient.lowercased()
        if config.experts.contains(address) || config.coordinators.contains(address) { return registered }
        let host = try Bool.fetchOne(db, sql: """
            SELECT EXISTS (
                SELECT 1 FROM programme p
                JOIN submission s ON s.id = p.submissionID
                JOIN inboundMessage i ON i.id = s.inboundMessageID
                WHERE p.campaign = ? AND lower(COALESCE(i.replyTo, i.sender)) = ? AND i.fetchedAt < ?)
            """, arguments: [config.campaign, address, day.start]) ?? false
        return host ? registered : standard
    }
}
