// What `internships inbound show` says about one stored message: its headers, why parse held
// or quarantined it, its defects and the form as understood. Pure: it reads the row it is
// given (raw bytes included) and the registered experts; it never reads the store or clock.
import Foundation
import MailMessage
import Store

/// One message as the job understood it.
public struct InboundExplanation: Sendable {
    /// Why parse did not accept a message (the same tests as `Stages.decide`).
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        /// A score sheet from an address that is not a registered expert.
        case unregisteredExpert = "unregistered_expert"
        /// A participant score sheet (motivation) from an address that is neither a registered
        /// expert nor a coordinator.
        case unregisteredScorer = "unregistered_scorer"
        /// A score sheet whose receiving server's Authentication-Results say DMARC (or SPF and DKIM) failed.
        case failedAuthentication = "failed_authentication"
        /// A coordinator's "ОТПРАВИТЬ <batch>" reply that no trusted receiving server verified
        /// (issue 9: only a trusted server vouches for a From address).
        case unverifiedCommand = "unverified_command"
        /// No From address: nobody to answer.
        case noSender = "no_sender"
        /// Past the parser's hard limits.
        case pastLimits = "past_limits"

        /// One English sentence for the coordinator.
        public var sentence: String {
            switch self {
            case .unregisteredExpert: return "score sheet from an address that is not a registered expert"
            case .unregisteredScorer:
                return "participant score sheet from an address that is neither a registered expert nor a coordinator"
            case .failedAuthentication: return "score sheet that failed the receiving server's authentication (DMARC, or SPF and DKIM)"
            case .unverifiedCommand:
                return "coordinator's ОТПРАВИТЬ reply that no trusted receiving server verified (set [security] trusted_authserv_ids, or release it by hand to obey it)"
            case .noSender: return "no sender address: nobody to answer"
            case .pastLimits: return "past the parser's limits (size, depth or parts)"
            }
        }
    }

    /// From, To, Subject, Date, Message-ID, Authentication-Results, in that order, as sent
    /// (RFC 2047 words decoded); absent headers left out.
    public var headers: [(name: String, value: String)]
    /// Why it was held or quarantined; empty for accepted mail. For a released message:
    /// why it had been held.
    public var reasons: [Reason]
    public var defects: [Defect]
    public var form: FormResult?

    /// Explains `row`; `experts` are the registered addresses (lower-case), `coordinators` the
    /// configured ones (lower-case: they may send participant score sheets and ОТПРАВИТЬ),
    /// `trusted` the authserv-ids whose Authentication-Results count (config `trusted_authserv_ids`).
    public static func explain(_ row: InboundMessage, experts: [String], coordinators: Set<String> = [],
                               trusted: Set<String> = [], released: Bool = false) -> InboundExplanation {
        let message = Message.parse([UInt8](row.raw))
        var headers: [(name: String, value: String)] = []
        for name in ["From", "To", "Subject", "Date", "Message-ID"] {
            if let value = message.header(name) { headers.append((name, oneLine(value))) }
        }
        for value in message.headers(named: "Authentication-Results") {
            headers.append(("Authentication-Results", oneLine(value)))
        }
        let defects = JSON.decode([Defect].self, row.defects) ?? []
        let form = JSON.decode(FormResult.self, row.formJSON)
        var reasons: [Reason] = []
        switch row.state {
        case .quarantined:
            if row.sender == nil { reasons.append(.noSender) }
            if defects.contains(where: { $0.code.hasPrefix("limit.") }) { reasons.append(.pastLimits) }
        case .held, .parsed where released:
            reasons = heldReasons(row, message: message, form: form, experts: experts, coordinators: coordinators,
                                  trusted: trusted)
        default:
            break
        }
        return InboundExplanation(headers: headers, reasons: reasons, defects: defects, form: form)
    }

    /// The same tests parse applies (Stages+Parse, `PipelineConfig.mayScore`): an expert score
    /// sheet needs a registered expert, a participant score sheet an expert or a coordinator;
    /// a form-less ОТПРАВИТЬ reply is held only for want of a trusted verification
    /// (Stages+ReleaseByReply). Then — when a trusted server is configured — the verdict must
    /// be `verified`, otherwise not `failed`.
    private static func heldReasons(_ row: InboundMessage, message: Message, form: FormResult?, experts: [String],
                                    coordinators: Set<String>, trusted: Set<String>) -> [Reason] {
        var reasons: [Reason] = []
        let sender = row.sender?.lowercased()
        switch form?.kind {
        case "motivation":
            if let sender, !experts.contains(sender), !coordinators.contains(sender) { reasons.append(.unregisteredScorer) }
        case nil where ReleaseByReply.command(in: message.textBody) != nil:
            return [.unverifiedCommand]
        default:
            if let sender, !experts.contains(sender) { reasons.append(.unregisteredExpert) }
        }
        let verdict = SenderAuthentication.of(message, trusted: trusted)
        if verdict == .failed || (!trusted.isEmpty && verdict != .verified) { reasons.append(.failedAuthentication) }
        return reasons
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0 == "\r" || $0 == "\n" }).map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ").trimmingCharacters(in: .whitespaces)
    }
}
