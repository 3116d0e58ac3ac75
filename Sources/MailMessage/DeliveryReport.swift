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

extension Message {
    /// The delivery report when this message is a bounce (standard or heuristic), else nil.
    public var deliveryReport: DeliveryReport? {
        var report = DeliveryReport()
        var found = false
        root.walk { part, _ in
            switch part.contentType {
            case "message/delivery-status", "message/global-delivery-status":
                found = true
                Self.readDeliveryStatus(part.body, into: &report)
            case "text/rfc822-headers", "message/rfc822-headers":
                if report.originalMessageID == nil {
                    let h = HeaderParser.parse(part.body, start: 0, end: part.body.count, maxHeaderBytes: 256 * 1024)
                    report.originalMessageID = h.fields.first { $0.name.caseInsensitiveEquals("Message-ID") }
                        .flatMap { MessageIDList.parse($0.raw).first }
                }
            default:
                if let e = part.embedded, report.originalMessageID == nil { report.originalMessageID = e.value.messageID }
            }
            return part.embedded == nil
        }
        if found { return report }
        guard BounceHeuristics.looksLikeBounce(self) else { return nil }
        report.isHeuristic = true
        let text = textBody
        report.recipients = BounceHeuristics.failedAddresses(in: text).map { DeliveryReport.Recipient(finalRecipient: $0, action: "failed") }
        if report.originalMessageID == nil { report.originalMessageID = BounceHeuristics.messageID(in: text) }
        return report
    }

    /// RFC 3464 §2.1: a per-message block, then per-recipient blocks, separated by blank lines.
    private static func readDeliveryStatus(_ body: [UInt8], into report: inout DeliveryReport) {
        var start = 0
        var blockIndex = 0
        while start < body.count {
            // Skip blank lines between blocks.
            let (ce, nx) = body.lineBounds(from: start, limit: body.count)
            if ce == start {
                start = nx
                continue
            }
            let h = HeaderParser.parse(body, start: start, end: body.count, maxHeaderBytes: 64 * 1024)
            func field(_ n: String) -> String? {
                h.fields.first { $0.name.caseInsensitiveEquals(n) }.map { $0.value.trimming(chars: " \t") }
            }
            func typed(_ v: String?) -> String? {
                guard let v else { return nil }
                if let semi = v.firstIndex(of: ";") { return String(v[v.index(after: semi)...]).trimming(chars: " \t<>") }
                return v.trimming(chars: " \t<>")
            }
            if let final = typed(field("Final-Recipient")) ?? typed(field("Original-Recipient")) {
                report.recipients.append(DeliveryReport.Recipient(
                    finalRecipient: final, originalRecipient: typed(field("Original-Recipient")),
                    action: field("Action")?.lowercased(), status: field("Status"),
                    diagnosticCode: field("Diagnostic-Code")))
            } else if blockIndex == 0 {
                report.reportingMTA = typed(field("Reporting-MTA"))
            }
            blockIndex += 1
            if h.bodyStart <= start || h.fields.isEmpty { break }
            start = h.bodyStart
        }
    }
}

/// Bounces that are not RFC 3464 reports (old Exchange, Mail.ru, Yandex text bounces).
enum BounceHeuristics {
    static let senderLocalParts: Set<String> = ["mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon"]
    static let subjectPrefixes = [
        "undelivered mail returned to sender", "undeliverable:", "undeliverable mail", "delivery status notification (failure)",
        "mail delivery failed", "returned mail:", "delivery failure", "failure notice", "mail delivery system",
        "недоставленное сообщение", "не доставлено", "сообщение не доставлено", "ошибка доставки",
        "не удалось доставить", "недоставлено:",
    ]

    static func looksLikeBounce(_ m: Message) -> Bool {
        if m.from.contains(where: { senderLocalParts.contains(localPart($0.address)) }) { return true }
        let s = (m.subject ?? "").lowercased()
        return subjectPrefixes.contains { s.hasPrefix($0) }
    }

    static func localPart(_ address: String) -> String {
        (address.split(separator: "@").first.map(String.init) ?? address).lowercased()
    }

    /// Addresses in angle brackets at line starts (Postfix: `<a@b>: host … said`) or after
    /// "to:" / "адрес" phrases.
    static func failedAddresses(in text: String) -> [String] {
        var out: [String] = []
        var seen = Set<String>()
        for line in text.split(separator: "\n") {
            let t = line.trimming(chars: " \t")
            if t.hasPrefix("<"), let close = t.firstIndex(of: ">") {
                let a = String(t[t.index(after: t.startIndex)..<close])
                if a.contains("@"), seen.insert(a.lowercased()).inserted { out.append(a) }
            }
        }
        if out.isEmpty {
            for line in text.split(separator: "\n") {
                for word in line.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                    let w = word.trimming(chars: "<>()[],;:.\"'")
                    if w.contains("@"), !w.lowercased().hasPrefix("mailer-daemon"), !w.lowercased().hasPrefix("postmaster"),
                       seen.insert(w.lowercased()).inserted {
                        out.append(w)
                    }
                }
                if !out.isEmpty { break }
            }
        }
        return out
    }

    static func messageID(in text: String) -> String? {
        for line in text.split(separator: "\n") {
            let t = line.trimming(chars: " \t")
            if t.lowercased().hasPrefix("message-id:") {
                return MessageIDList.parse(Array(t.dropFirst(11).utf8)).first
            }
        }
        return nil
    }
}
