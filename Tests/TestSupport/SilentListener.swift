// A TCP listener on 127.0.0.1 that accepts connections and never says a word: the server that
// hangs (curl's timeouts, a `run` held inside its lock). With a greeting and a script it is a
// tiny line server instead. Also hands out a port where nothing listens.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

public final class SilentListener: @unchecked Sendable {
    public let port: Int
    private let listener: LoopbackListener

    /// `script` answers each client line (without CRLF) with the lines to send back; the
    /// greeting goes first. Without a greeting the listener never says a word. A connection
    /// stays open until the client closes it or `close()` shuts it down.
    public init(greeting: String? = nil, script: (@Sendable (String) -> [String])? = nil) throws {
        listener = try LoopbackListener { c in
            defer { LoopbackListener.closeConnection(c) }
            if let greeting { LoopbackListener.send(c, line: greeting) }
            LoopbackListener.readLines(c) { line in
                guard greeting != nil else { return true }  // silent: read and drop
                for reply in script?(line.trimmingCharacters(in: .whitespaces)) ?? [] {
                    LoopbackListener.send(c, line: reply)
                }
                return true
            }
        }
        port = listener.port
    }

    /// Connections accepted so far.
    public var connections: Int { listener.connections }

    public func close() { listener.close() }

    deinit { close() }

    /// A loopback port nothing listens on (bound, then released).
    public static func closedPort() throws -> Int {
        let listener = try SilentListener()
        let port = listener.port
        listener.close()
        return port
    }
}
