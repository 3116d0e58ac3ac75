// A TCP listener on 127.0.0.1 that accepts connections and never says a word: the server
// that hangs. Also hands out a port where nothing listens.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

final class SilentListener: @unchecked Sendable {
    let port: Int
    private let fd: Int32
    private let lock = NSLock()
    private var accepted: [Int32] = []  // guarded by lock; kept open until close()
    private var closed = false  // guarded by lock

    /// `script` answers each client line (without CRLF) with the lines to send back; the
    /// greeting goes first. Without a script the listener never says a word.
    init(greeting: String? = nil, script: (@Sendable (String) -> [String])? = nil) throws {
        let sock = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                bind(sock, sa, len) == 0 && listen(sock, 16) == 0 && getsockname(sock, sa, &len) == 0
            }
        }
        guard ok else { Glibc.close(sock); throw POSIXError(.EADDRINUSE) }
        fd = sock
        port = Int(UInt16(bigEndian: addr.sin_port))
        let thread = Thread { [self] in
            while true {
                let c = accept(fd, nil, nil)
                // close() shut the socket down: close it here, where no accept can follow on
                // a descriptor number another test's socket may get next.
                if c < 0 { Glibc.close(fd); return }
                lock.lock(); accepted.append(c); lock.unlock()
                if let greeting { Self.serve(c, greeting: greeting, script: script) }
            }
        }
        thread.start()
    }

    private static func serve(_ c: Int32, greeting: String, script: (@Sendable (String) -> [String])?) {
        Thread {
            func send(_ line: String) { _ = Array((line + "\r\n").utf8).withUnsafeBytes { write(c, $0.baseAddress, $0.count) } }
            send(greeting)
            var pending: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(c, $0.baseAddress, 4096) }
                if n <= 0 { return }
                pending += buffer[0..<n]
                while let nl = pending.firstIndex(of: 0x0A) {
                    let line = String(decoding: pending[..<nl], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                    pending.removeSubrange(...nl)
                    for reply in script?(line) ?? [] { send(reply) }
                }
            }
        }.start()
    }

    func close() {
        lock.lock()
        defer { lock.unlock() }
        if closed { return }
        closed = true
        shutdown(fd, Int32(SHUT_RDWR))  // the accept thread closes it
        for c in accepted { Glibc.close(c) }
        accepted = []
    }

    /// A loopback port nothing listens on (bound, then released).
    static func closedPort() throws -> Int {
        let listener = try SilentListener()
        let port = listener.port
        listener.close()
        return port
    }
}
