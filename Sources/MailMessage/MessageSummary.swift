// The `message` part of `internships parse --json` (docs/product.md), as a value the
// executable renders and the forms work extends with `form` and `reply`.

import Foundation

/// What `parse --json` reports about one message.
public struct MessageSummary: Sendable, Hashable, Codable {
    public struct AttachmentSummary: Sendable, Hashable, Codable {
        public var filename: String?
        public var contentType: String
        public var size: Int
    }

    /// Address of the first From mailbox.
    public var from: String?
    /// Address of the first Reply-To mailbox.
    public var replyTo: String?
    public var subject: String?
    public var messageID: String?
    /// ISO 8601 in UTC, e.g. `2023-09-11T07:14:55Z`.
    public var date: String?
    public var messageClass: MessageClass
    public var text: String
    public var attachments: [AttachmentSummary]
    /// Defect codes in the order found, without repeats.
    public var defects: [String]

    public init(_ m: Message, classifier: Classifier) {
        from = m.from.first?.address
        replyTo = m.replyTo.first?.address
        subject = m.subject
        messageID = m.messageID
        date = m.date.map(Self.iso8601)
        messageClass = classifier.classify(m)
        text = m.textBody
        attachments = m.attachments.map {
            AttachmentSummary(filename: $0.filename, contentType: $0.contentType, size: $0.data.count)
        }
        var seen = Set<String>()
        defects = m.defects.map(\.code).filter { seen.insert($0).inserted }
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` without Foundation formatters (pure, locale-free).
    static func iso8601(_ d: Date) -> String {
        let t = Int(d.timeIntervalSince1970.rounded(.down))
        var days = t / 86_400
        var rem = t % 86_400
        if rem < 0 {
            rem += 86_400
            days -= 1
        }
        // civil from days (Howard Hinnant)
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(rem / 3600)):\(two(rem % 3600 / 60)):\(two(rem % 60))Z"
    }
}
