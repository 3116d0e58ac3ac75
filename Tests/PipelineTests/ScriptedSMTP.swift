// A plain-SMTP listener on 127.0.0.1 that answers with scripted reply codes (RFC 5321 §4.2):
// the relay refusing, deferring or going away, which Postfix cannot be made to do on demand.
import Foundation
import TestSupport

final class ScriptedSMTP: @unchecked Sendable {
    /// Replies, each a full line like `451 4.3.0 try later`.
    struct Script: Sendable, CustomStringConvertible {
        var greeting = "220 scripted.test ESMTP"
        var rcpt = "250 2.1.5 ok"
        var endOfData = "250 2.0.0 queued"
        var description: String { "greeting \(greeting.prefix(3)) rcpt \(rcpt.prefix(3)) data \(endOfData.prefix(3))" }
    }

    private var listener: LoopbackListener?
    let port: Int

    init(_ script: Script) throws {
        let counter = Counter()
        let listener = try LoopbackListener { c in
            func send(_ line: String) -> Bool { LoopbackListener.send(c, line: line) }
            defer { LoopbackListener.closeConnection(c) }
            guard send(script.greeting), script.greeting.hasPrefix("2") else { return }
            var inData = false
            LoopbackListener.readLines(c) { line in
                if inData {
                    if line == "." {
                        inData = false
                        if script.endOfData.hasPrefix("2") { counter.add() }
                        _ = send(script.endOfData)
                        if script.endOfData.hasPrefix("421") { return false }
                    }
                    return true
                }
                switch line.prefix(4).uppercased() {
                case "EHLO", "HELO": _ = send("250 scripted.test")
                case "MAIL", "RSET", "NOOP": _ = send("250 2.0.0 ok")
                case "RCPT":
                    _ = send(script.rcpt)
                    if script.rcpt.hasPrefix("421") { return false }
                case "DATA":
                    if script.rcpt.hasPrefix("2") {
                        inData = true
                        _ = send("354 go ahead")
                    } else {
                        _ = send("554 5.5.1 no valid recipients")
                    }
                case "QUIT":
                    _ = send("221 2.0.0 bye")
                    return false
                default: _ = send("502 5.5.2 unknown command")
                }
                return true
            }
        }
        self.listener = listener
        port = listener.port
        counterBox = counter
    }

    private let counterBox: Counter
    /// Messages that got a 2yz after their data.
    var acceptedMessages: Int { counterBox.value }

    func close() { listener?.close() }

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.withLock { count += 1 } }
        var value: Int { lock.withLock { count } }
    }
}
