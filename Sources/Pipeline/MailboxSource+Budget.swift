// A fetch bounded by bytes as well as by count: pickup commits a batch once it holds the
// budget, so a batch with a 4 MB message is not also holding the 49 after it (issue 10, P5).
import Foundation

/// The messages of a budgeted fetch and how far along the asked UIDs it got.
public struct FetchedBatch: Sendable, Hashable {
    public var messages: [FetchedMessage]
    /// The last asked UID this fetch settled (fetched, or found gone); the cursor may move to
    /// it. Nil when it settled none (only when asked for none).
    public var throughUID: Int64?
    public init(messages: [FetchedMessage], throughUID: Int64?) {
        self.messages = messages
        self.throughUID = throughUID
    }

    /// `messages` fetched for `uids` (ascending), cut after the message that reaches `byteBudget`.
    public static func cutting(_ messages: [FetchedMessage], asked uids: [Int64], byteBudget: Int) -> FetchedBatch {
        var bytes = 0
        for (index, message) in messages.enumerated() {
            bytes += message.raw.count
            if bytes >= byteBudget && index < messages.count - 1 {
                return FetchedBatch(messages: Array(messages.prefix(index + 1)), throughUID: message.uid)
            }
        }
        return FetchedBatch(messages: messages, throughUID: uids.last)
    }
}

extension MailboxSource {
    /// Fetches all of `uids`, then cuts: bounds what pickup commits at once, not what this
    /// source holds (IMAPMailboxSource stops fetching at the budget instead).
    public func fetch(uids: [Int64], uidValidity: Int64, byteBudget: Int) throws -> FetchedBatch {
        FetchedBatch.cutting(try fetch(uids: uids, uidValidity: uidValidity), asked: uids, byteBudget: byteBudget)
    }
}
