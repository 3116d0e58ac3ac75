// Message.parse: the entry point of the parser (see MIMEParser).

extension Message {
    /// Parse raw RFC 5322 bytes. Never throws; problems go to `defects`.
    public static func parse(_ bytes: [UInt8], limits: ParseLimits = .default) -> Message {
        var parser = MIMEParser(limits: limits)
        var end = bytes.count
        var tooLarge: Defect? = nil
        if end > limits.maxTotalBytes {
            end = limits.maxTotalBytes
            tooLarge = Defect(code: "message.too_large", detail: "cut at \(limits.maxTotalBytes) bytes")
        }
        var m = parser.parseMessage(bytes, start: 0, end: end, depth: 0)
        if let tooLarge { m.defects.insert(tooLarge, at: 0) }
        return m
    }
}
