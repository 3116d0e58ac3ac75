// Message.deliveryReport: RFC 3464 delivery-status parts, else bounce heuristics.

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
