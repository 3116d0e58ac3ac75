// A TCP listener on 127.0.0.1 that accepts connections and never says a word: an IMAP server
// that hangs, so a `run` stays inside its lock for the connect timeout.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

final class HangingServer: @unchecked Sendable {
    let port: Int
    private let fd: Int32
    private let lock = NSLock()
    private var accepted: [Int32] = []  // guarded by lock; open until deinit

    init() throws {
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
        Thread { [self] in
            while true {
                let c = accept(fd, nil, nil)
                if c < 0 { return }
                lock.withLock { accepted.append(c) }
            }
        }.start()
    }

    /// Connections accepted so far.
    var connections: Int { lock.withLock { accepted.count } }

    deinit {
        shutdown(fd, Int32(SHUT_RDWR))
        Glibc.close(fd)
        lock.withLock { for c in accepted { Glibc.close(c) } }
    }
}
