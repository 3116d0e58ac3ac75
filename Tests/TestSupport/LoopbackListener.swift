// A TCP listener on 127.0.0.1 (never another address) that hands each accepted connection to
// a handler on its own thread. The fault proxy, the silent listener and the scripted SMTP
// server of the test targets are built on it.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

public final class LoopbackListener: @unchecked Sendable {
    public let port: Int
    private let fd: Int32
    private let lock = NSLock()
    private var open: [Int32] = []  // guarded by Self.descriptors; shut down by close()
    private var closed = false  // guarded by lock
    private var acceptedCount = 0  // guarded by lock

    public init(handler: @escaping @Sendable (Int32) -> Void) throws {
        let sock = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
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
                // close() shut the socket down: close it here, where no accept can follow on
                // a descriptor number another test's socket may get next.
                if c < 0 { Glibc.close(fd); return }
                lock.withLock { acceptedCount += 1 }
                track(c)
                Thread { handler(c) }.start()
            }
        }.start()
    }

    /// Connections accepted so far.
    public var connections: Int { lock.withLock { acceptedCount } }

    /// Registers a descriptor to be shut down by `close()`.
    public func track(_ descriptor: Int32) {
        Self.descriptors.withLock {
            Self.live.insert(descriptor)
            open.append(descriptor)
        }
    }

    /// Guards `live`, the connection descriptors tracked and not yet closed (all listeners).
    private static let descriptors = NSLock()
    nonisolated(unsafe) private static var live: Set<Int32> = []

    /// Closes a connection descriptor and forgets it, so no `close()` touches its number again.
    public static func closeConnection(_ descriptor: Int32) {
        descriptors.withLock {
            live.remove(descriptor)
            Glibc.close(descriptor)
        }
    }

    /// Refuses new connections and shuts the open ones down.
    ///
    /// Descriptors are process-wide numbers: one closed elsewhere and reused by another test's
    /// socket (curl's, say) must never be shut down here. So connections are closed only
    /// through `reset`/`closeConnection`, which forget them under `Self.descriptors`' lock, and
    /// the shutdown below holds that lock too. The listening socket is only shut down (that
    /// wakes `accept` and refuses new connections); the accept thread closes it.
    public func close() {
        let first: Bool = lock.withLock {
            if closed { return false }
            closed = true
            return true
        }
        guard first else { return }
        Self.descriptors.withLock {
            shutdown(fd, Int32(SHUT_RDWR))
            for c in open where Self.live.contains(c) { shutdown(c, Int32(SHUT_RDWR)) }
            open = []
        }
    }

    deinit { close() }

    /// Connects to 127.0.0.1:`port`; -1 when refused.
    public static func connectLoopback(port: Int) -> Int32 {
        let sock = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = UInt16(port).bigEndian
        let ok = withUnsafePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(sock, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        if !ok { Glibc.close(sock); return -1 }
        return sock
    }

    /// Closes with an RST instead of a FIN (SO_LINGER 0).
    public static func reset(_ descriptor: Int32) {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        closeConnection(descriptor)
    }

    public static func write(_ descriptor: Int32, _ bytes: ArraySlice<UInt8>) -> Bool {
        var rest = bytes
        while !rest.isEmpty {
            let n = rest.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if n <= 0 { return false }
            rest = rest.dropFirst(n)
        }
        return true
    }

    /// Writes `line` and CRLF.
    @discardableResult
    public static func send(_ descriptor: Int32, line: String) -> Bool {
        write(descriptor, ArraySlice(Array((line + "\r\n").utf8)))
    }

    /// Reads `descriptor` until the peer closes it (or it is shut down), handing each line
    /// without its CR/LF to `line`; stops early when `line` returns false.
    public static func readLines(_ descriptor: Int32, _ line: (String) -> Bool) {
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 8192)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if n <= 0 { return }
            pending += buffer[0..<n]
            while let nl = pending.firstIndex(of: 0x0A) {
                let text = String(decoding: pending[..<nl], as: UTF8.self)
                    .trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
                pending.removeSubrange(...nl)
                if !line(text) { return }
            }
        }
    }
}
