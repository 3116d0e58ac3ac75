// msg-id lists: Message-ID, In-Reply-To, References.

/// Message-ID lists (RFC 5322 §3.6.4): ids in angle brackets; bare ids from broken clients.
enum MessageIDList {
    static func parse(_ raw: [UInt8]) -> [String] {
        var ids: [String] = []
        var i = 0
        while i < raw.count {
            if raw[i] == 0x3C {
                // No ">" after this "<": none after any later "<" either.
                guard let close = raw[(i + 1)...].firstIndex(of: 0x3E) else { break }
                let id = String(decoding: raw[(i + 1)..<close].filter { !ASCII.isSpace($0) && $0 != 0x3C },
                                as: UTF8.self)
                if !id.isEmpty { ids.append(id) }
                i = close + 1
            } else {
                i += 1
            }
        }
        if ids.isEmpty {
            let text = String(decoding: raw, as: UTF8.self)
            ids = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," })
                .map(String.init).filter { $0.utf8.contains(0x40) }
        }
        return ids
    }
}
