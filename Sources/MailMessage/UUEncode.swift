// uuencode (POSIX uuencode format): `begin MODE NAME` … `end`. Seen as
// Content-Transfer-Encoding x-uuencode and, from old clients, inline in text/plain bodies.

enum UUEncode {
    struct Block {
        var filename: String
        var data: [UInt8]
        var truncated: Bool
    }

    /// Finds uuencoded blocks in text; returns the text without them and the blocks.
    /// Linear: one pass over the lines.
    static func extract(_ bytes: [UInt8]) -> (text: [UInt8], blocks: [Block]) {
        var text: [UInt8] = []
        var blocks: [Block] = []
        var i = 0
        var current: Block? = nil
        while i < bytes.count {
            let (contentEnd, next) = bytes.lineBounds(from: i, limit: bytes.count)
            let line = bytes[i..<contentEnd]
            if var block = current {
                if line.count >= 3, Bytes.hasPrefixIgnoringCase(line, "end"), Bytes.trimmed(line).count == 3 {
                    blocks.append(block)
                    current = nil
                } else {
                    decodeLine(line, into: &block.data)
                    current = block
                }
            } else if let name = beginName(line) {
                current = Block(filename: name, data: [], truncated: false)
            } else {
                text.append(contentsOf: bytes[i..<next])
            }
            i = next
        }
        if var block = current {
            block.truncated = true
            blocks.append(block)
        }
        return (text, blocks)
    }

    /// Decodes a whole x-uuencode body (with or without the begin line).
    static func decodeBody(_ bytes: [UInt8]) -> (data: [UInt8], filename: String?) {
        let r = extract(bytes)
        if let b = r.blocks.first { return (b.data, b.filename) }
        var data: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let (contentEnd, next) = bytes.lineBounds(from: i, limit: bytes.count)
            decodeLine(bytes[i..<contentEnd], into: &data)
            i = next
        }
        return (data, nil)
    }

    /// `begin 644 name.txt` → name.
    private static func beginName(_ line: ArraySlice<UInt8>) -> String? {
        guard line.count > 10, Bytes.hasPrefixIgnoringCase(line, "begin ") else { return nil }
        var j = line.startIndex + 6
        let modeStart = j
        while j < line.endIndex, line[j] >= 48, line[j] <= 55 { j += 1 }
        guard j - modeStart >= 3, j - modeStart <= 4, j < line.endIndex, line[j] == ASCII.space else { return nil }
        let name = Bytes.trimmed(line[(j + 1)...])
        guard !name.isEmpty else { return nil }
        return Charset.decodeDetailed(name, label: nil).text
    }

    private static func decodeLine(_ line: ArraySlice<UInt8>, into out: inout [UInt8]) {
        guard let first = line.first else { return }
        let n = Int((first &- 32) & 63)
        if n == 0 { return }
        var produced = 0
        var i = line.startIndex + 1
        while produced < n {
            var q: [UInt32] = [0, 0, 0, 0]
            for k in 0..<4 {
                q[k] = i + k < line.endIndex ? UInt32((line[i + k] &- 32) & 63) : 0
            }
            let v = q[0] << 18 | q[1] << 12 | q[2] << 6 | q[3]
            for shift in [16, 8, 0] where produced < n {
                out.append(UInt8(truncatingIfNeeded: v >> UInt32(shift)))
                produced += 1
            }
            i += 4
            if i >= line.endIndex && produced < n { break }
        }
    }
}
