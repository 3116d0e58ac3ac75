// Bounces without an RFC 3464 part: Mail.ru, Yandex, old Exchange text bounces.

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
        looksLikeBounce(from: m.from, lowercasedSubject: (m.subject ?? "").lowercased())
    }

    static func looksLikeBounce(from: [Address], lowercasedSubject s: String) -> Bool {
        if from.contains(where: { senderLocalParts.contains(localPart($0.address)) }) { return true }
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
                if a.utf8.contains(0x40), seen.insert(a.lowercased()).inserted { out.append(a) }
            }
        }
        if out.isEmpty {
            for line in text.split(separator: "\n") {
                for word in line.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                    let w = word.trimming(chars: "<>()[],;:.\"'")
                    if w.utf8.contains(0x40), !w.lowercased().hasPrefix("mailer-daemon"), !w.lowercased().hasPrefix("postmaster"),
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
