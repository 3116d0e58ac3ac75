// Delivery status notifications (RFC 3464) and heuristic bounces: who failed, and which
// message of ours it was about, so later stages can tie a bounce to its outbox row.

import Foundation

/// What a bounce says about the failed delivery.
public struct DeliveryReport: Sendable, Hashable {
    /// One per-recipient block of a `message/delivery-status` part (RFC 3464 §2.3).
    public struct Recipient: Sendable, Hashable {
        /// The address, without the `rfc822;` type.
        public var finalRecipient: String
        public var originalRecipient: String?
        /// Lower-cased: `failed`, `delayed`, `delivered`, `relayed`, `expanded`.
        public var action: String?
        /// e.g. `5.1.1`.
        public var status: String?
        public var diagnosticCode: String?
        public init(finalRecipient: String, originalRecipient: String? = nil, action: String? = nil,
                    status: String? = nil, diagnosticCode: String? = nil) {
            self.finalRecipient = finalRecipient
            self.originalRecipient = originalRecipient
            self.action = action
            self.status = status
            self.diagnosticCode = diagnosticCode
        }
    }

    /// `Reporting-MTA` without the `dns;` type.
    public var reportingMTA: String?
    public var recipients: [Recipient]
    /// Message-ID of the message that bounced (from `text/rfc822-headers`, an embedded
    /// `message/rfc822`, or a `Message-ID:` line in the text), without angle brackets.
    public var originalMessageID: String?
    /// True when no RFC 3464 part was found and the facts come from the text.
    public var isHeuristic: Bool

    public init(reportingMTA: String? = nil, recipients: [Recipient] = [], originalMessageID: String? = nil,
                isHeuristic: Bool = false) {
        self.reportingMTA = reportingMTA
        self.recipients = recipients
        self.originalMessageID = originalMessageID
        self.isHeuristic = isHeuristic
    }

    /// Recipients whose action is `failed` (or all of them when no action is given).
    public var failedRecipients: [String] {
        recipients.filter { $0.action == nil || $0.action == "failed" }.map(\.finalRecipient)
    }
}
