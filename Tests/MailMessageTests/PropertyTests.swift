// Property tests: random bytes and mutations of the corpus never crash; huge inputs end
// in defects and scale linearly (time for 2n over time for n, not absolute times).

import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import TestSupport
@testable import MailMessage

/// Touches every accessor, as the pipeline and `parse --json` would.
@discardableResult
func exercise(_ m: Message) -> Int {
    let c = Classifier(ownAddresses: ["intake@example.test"])
    var n = m.textBody.count + (m.htmlText?.count ?? 0)
    n += m.attachments.reduce(0) { $0 + $1.data.count + ($1.text?.count ?? 0) }
    n += m.from.count + m.to.count + m.cc.count + m.replyTo.count
    n += m.references.count + m.inReplyTo.count + (m.messageID?.count ?? 0) + (m.subject?.count ?? 0)
    n += m.date == nil ? 0 : 1
    n += m.embeddedMessages.reduce(0) { $0 + exercise($1) }
    n += m.deliveryReport?.recipients.count ?? 0
    n += m.authenticationResults.count
    n += MessageSummary(m, classifier: c).text.count
    _ = c.classify(m)
    return n
}

private let tokens: [String] = [
    "Content-Type: multipart/mixed; boundary=\"b\"\r\n", "--b\r\n", "--b--\r\n", "\r\n", "\n", "\r\n\r\n",
    "Content-Transfer-Encoding: base64\r\n", "Content-Transfer-Encoding: quoted-printable\r\n",
    "Content-Type: message/rfc822\r\n", "Content-Type: text/html; charset=koi8-r\r\n", "=?utf-8?B?", "?=",
    "=?x?q?=D0", "=", "=\r\n", "begin 644 a.txt\r\n", "end\r\n", "<", ">", "&amp;", "&#1044;", "<td>", "<tr>",
    "From: a@b\r\n", "To: undisclosed-recipients:;\r\n", "(", ")", "\"", "\\", ";", "name*0*=utf-8''%D0",
    "Date: 1 Jan 99 00:00 MSK\r\n", "format=flowed", " \r\n", ">", "\0", "\u{FF}", "Я",
]

struct PropertyTests {
    @Test("random bytes never crash", arguments: [1, 2, 3, 4])
    func randomBytes(seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        for _ in 0..<150 {
            let n = Int.random(in: 0..<3000, using: &rng)
            let bytes = (0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let m = Message.parse(bytes)
            exercise(m)
            #expect(m.defects.allSatisfy { !$0.code.isEmpty })
        }
    }

    @Test("random token soup never crashes", arguments: [11, 12, 13, 14])
    func tokenSoup(seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        for _ in 0..<150 {
            var s = ""
            for _ in 0..<Int.random(in: 0..<200, using: &rng) {
                s += tokens[Int.random(in: 0..<tokens.count, using: &rng)]
                if Bool.random(using: &rng) { s += String(repeating: "x", count: Int.random(in: 0..<20, using: &rng)) }
            }
            let m = Message.parse(Array(s.utf8))
            exercise(m)
            #expect(m.defects.allSatisfy { !$0.code.isEmpty })
        }
    }

    @Test("mutations of every corpus message never crash", arguments: Corpus.names)
    func mutations(name: String) {
        let original = Corpus.bytes(name)
        var rng = SeededRandom(seed: UInt64(truncatingIfNeeded: name.hashValue & 0xFFFF) &+ 7)
        for _ in 0..<25 {
            var b = original
            for _ in 0..<Int.random(in: 1...8, using: &rng) where !b.isEmpty {
                let i = Int.random(in: 0..<b.count, using: &rng)
                switch Int.random(in: 0..<6, using: &rng) {
                case 0: b[i] = UInt8.random(in: 0...255, using: &rng)
                case 1: b.removeSubrange(i..<min(b.count, i + Int.random(in: 1...64, using: &rng)))
                case 2: b.insert(contentsOf: Array(tokens[Int.random(in: 0..<tokens.count, using: &rng)].utf8), at: i)
                case 3: b = Array(b[..<i])  // truncation
                case 4:
                    let j = min(b.count, i + Int.random(in: 1...200, using: &rng))
                    b.insert(contentsOf: b[i..<j], at: j)  // duplication
                default: b[i] = [0x0A, 0x0D, 0x2D, 0x3D, 0x3C, 0x00][Int.random(in: 0..<6, using: &rng)]
                }
            }
            let m = Message.parse(b)
            exercise(m)
            #expect(m.defects.allSatisfy { !$0.code.isEmpty })
        }
    }
}

// MARK: - Size limits and linearity

/// CPU time of the calling thread: other work on a busy machine does not count.
func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Best of three runs, in CPU seconds.
func seconds(_ body: () -> Void) -> Double {
    var best = Double.infinity
    for _ in 0..<3 {
        let start = threadCPUSeconds()
        body()
        best = min(best, threadCPUSeconds() - start)
    }
    return best
}

enum Big {
    static func attachmentMessage(bytes n: Int) -> [UInt8] {
        var rng = SeededRandom(seed: 99)
        let data = (0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let b64 = data.base64EncodedLines()
        return Array("""
            From: big@village.test\r
            Subject: big\r
            Content-Type: multipart/mixed; boundary="BIG"\r
            \r
            --BIG\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            Файл во вложении.\r
            --BIG\r
            Content-Type: application/octet-stream; name="big.bin"\r
            Content-Transfer-Encoding: base64\r
            \r\n
            """.utf8) + b64 + Array("\r\n--BIG--\r\n".utf8)
    }

    static func manyParts(_ n: Int) -> [UInt8] {
        var s = "From: parts@village.test\r\nContent-Type: multipart/mixed; boundary=\"p\"\r\n\r\n"
        for k in 0..<n { s += "--p\r\nContent-Type: text/plain\r\n\r\npart \(k)\r\n" }
        s += "--p--\r\n"
        return Array(s.utf8)
    }

    static func headerLine(_ n: Int, unit: String = "a") -> [UInt8] {
        var b = Array("From: x@village.test\r\nSubject: ".utf8)
        let u = Array(unit.utf8)
        b.reserveCapacity(n + 100)
        while b.count < n + 30 { b.append(contentsOf: u) }
        b += Array("\r\n\r\nbody\r\n".utf8)
        return b
    }
}

extension Array where Element == UInt8 {
    func base64EncodedLines() -> [UInt8] {
        let s = Data(self).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return Array(s.utf8)
    }
}

struct LimitTests {
    @Test("10 MB message: decoded in full; over maxTotalBytes it is cut with defects")
    func tenMegabytes() {
        let raw = Big.attachmentMessage(bytes: 10 * 1024 * 1024)
        let m = Message.parse(raw)
        #expect(m.defects.isEmpty)
        #expect(m.attachments.first?.data.count == 10 * 1024 * 1024)
        #expect(m.textBody == "Файл во вложении.")

        let cut = Message.parse(raw, limits: ParseLimits(maxTotalBytes: 8 * 1024 * 1024))
        let codes = Set(cut.defects.map(\.code))
        #expect(codes.contains("message.too_large"))
        #expect(codes.contains("mime.missing_close_boundary"))
        #expect((cut.attachments.first?.data.count ?? 0) < 10 * 1024 * 1024)
    }

    @Test("10,000 parts: stops at maxParts with a defect")
    func tenThousandParts() {
        let m = Message.parse(Big.manyParts(10_000))
        #expect(m.defects.map(\.code).contains("mime.too_many_parts"))
        #expect(m.root.children.count == ParseLimits.default.maxParts - 1)
        let all = Message.parse(Big.manyParts(10_000), limits: ParseLimits(maxParts: 20_000))
        #expect(all.root.children.count == 10_000)
        #expect(all.defects.isEmpty)
    }

    @Test("1 MB header line: header.too_long, body still read")
    func megabyteHeaderLine() {
        let m = Message.parse(Big.headerLine(1024 * 1024))
        #expect(m.defects.map(\.code).contains("header.too_long"))
        #expect(m.textBody == "body\n")
        #expect(m.from.first?.address == "x@village.test")
    }

    static let linearCases: [(name: String, make: @Sendable (Int) -> [UInt8], n: Int, limits: ParseLimits)] = [
        ("base64 attachment", { Big.attachmentMessage(bytes: $0) }, 2 * 1024 * 1024, .default),
        ("many parts", { Big.manyParts($0) }, 4_000, ParseLimits(maxParts: 100_000)),
        ("long header line", { Big.headerLine($0) }, 512 * 1024, ParseLimits(maxHeaderBytes: 64 * 1024 * 1024)),
        ("encoded-word openers", { Big.headerLine($0, unit: "=?a?b?") }, 256 * 1024,
         ParseLimits(maxHeaderBytes: 64 * 1024 * 1024)),
        ("nested comments in To", { n in
            Array("To: ".utf8) + Array(repeating: UInt8(ascii: "("), count: n) + Array("\r\n\r\nx".utf8)
        }, 256 * 1024, ParseLimits(maxHeaderBytes: 64 * 1024 * 1024)),
        ("angle brackets in References", { n in
            Array("References: ".utf8) + Array(repeating: UInt8(ascii: "<"), count: n) + Array("\r\n\r\nx".utf8)
        }, 256 * 1024, ParseLimits(maxHeaderBytes: 64 * 1024 * 1024)),
        ("HTML tag soup", { n in
            Array("Content-Type: text/html\r\n\r\n".utf8) + Array(String(repeating: "<td><\"a", count: n / 7).utf8)
        }, 256 * 1024, .default),
        ("delimiter-like lines", { n in
            Array("Content-Type: multipart/mixed; boundary=abc\r\n\r\n".utf8)
                + Array(String(repeating: "--abcd\r\n", count: n / 8).utf8)
        }, 512 * 1024, .default),
    ]

    /// Four times the input, not two: linear is 4, quadratic 16, and the bound (8) leaves room
    /// for cache effects and a loaded machine (t(2n)/t(n) < 3.2 failed at 3.33 on tag soup under
    /// load while 4 vs 2 is a much narrower gap to tell apart).
    @Test("parse time grows linearly (t(4n)/t(n) well under 16)", arguments: 0..<linearCases.count)
    func linear(_ index: Int) {
        let c = Self.linearCases[index]
        let small = c.make(c.n)
        let large = c.make(4 * c.n)
        let t1 = seconds { exercise(Message.parse(small, limits: c.limits)) }
        let t2 = seconds { exercise(Message.parse(large, limits: c.limits)) }
        let ratio = t2 / max(t1, 1e-6)
        print("linearity \(c.name): n=\(c.n) t(n)=\(t1)s t(4n)=\(t2)s ratio=\(ratio)")
        #expect(ratio < 8, "\(c.name): t(4n)/t(n) = \(ratio)")
    }
}
