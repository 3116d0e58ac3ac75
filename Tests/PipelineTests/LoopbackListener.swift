// A TCP listener on 127.0.0.1 (never another address) that hands each accepted connection to
// a handler on its own thread. The fault proxy and the scripted SMTP server are built on it.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

final class LoopbackListener: @unchecked Sendable {
    let port: Int
    private let fd: Int32
    private let lock = NSLock()
    private var open: [Int32] = []  // guarded by Self.descriptors; shut down by close()
    private var closed = false

    init(handler: @escaping @Sendable (Int32) -> Void) throws {
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
                if c < 0 { Glibc.close(fd); return }
                track(c)
                Thread { handler(c) }.start()
            }
        }.start()
    }

    /// Registers a descriptor to be shut down by `close()`.
    func track(_ descriptor: Int32) {
        Self.descriptors.withLock {
            Self.live.insert(descriptor)
            open.append(descriptor)
        }
    }

    /// Guards `live`, the connection descriptors tracked and not yet closed (all listeners).
    private static let descriptors = NSLock()
    nonisolated(unsafe) private static var live: Set<Int32> = []

    /// Closes a connection descriptor and forgets it, so no `close()` touches its number again.
    static func closeConnection(_ descriptor: Int32) {
        descriptors.withLock {
            live.remove(descriptor)
            Glibc.close(descriptor)
        }
    }

    ///
    /// Descriptors are process-wide numbers: one closed elsewhere and reused by another test's
    /// socket (curl's, say) must never be shut down here. So connections are closed only
    /// through `reset`/`closeConnection`, which forget them under `Self.descriptors`' lock, and
    /// the shutdown below holds that lock too. The listening socket is only shut down (that
    /// wakes `accept` and refuses new connections); the accept thread closes it.
    func close() {
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
    static func connectLoopback(port: Int) -> Int32 {
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
    static func reset(_ descriptor: Int32) {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        closeConnection(descriptor)
    }

    static func write(_ descriptor: Int32, _ bytes: ArraySlice<UInt8>) -> Bool {
        var rest = bytes
        while !rest.isEmpty {
            let n = rest.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if n <= 0 { return false }
            rest = rest.dropFirst(n)
        }
        return true
    }
}

/// What the proxy does to the server → client direction.
enum ProxyFault: Sendable, CustomStringConvertible {
    /// Forwards `bytes` bytes, then nothing more while keeping the connection open.
    case stall(afterBytes: Int)
    /// Forwards `bytes` bytes, then resets both sides.
    case reset(afterBytes: Int)
    /// Forwards everything, `chunk` bytes at a time with `delayMicros` between chunks.
    case trickle(chunk: Int, delayMicros: UInt32)

    var description: String {
        switch self {
        case .stall(let n): return "stall after \(n) bytes"
        case .reset(let n): return "reset after \(n) bytes"
        case .trickle(let chunk, let delay): return "trickle \(chunk) bytes / \(delay) µs"
        }
    }
}

/// A loopback TCP proxy in front of a real server (Dovecot, Postfix) that misbehaves. TLS
/// passes through untouched, so the certificate still names 127.0.0.1.
final class FaultProxy: @unchecked Sendable {
    private var listener: LoopbackListener?
    let port: Int

    init(upstreamPort: Int, fault: ProxyFault) throws {
        let box = ListenerBox()
        let listener = try LoopbackListener { client in
            let server = LoopbackListener.connectLoopback(port: upstreamPort)
            if server < 0 { LoopbackListener.reset(client); return }
            box.listener?.track(server)
            // client → server: plain copy. Its end is awaited before a reset closes the
            // descriptors: a number closed under a running read is soon another test's socket.
            let copied = DispatchSemaphore(value: 0)
            Thread {
                var buffer = [UInt8](repeating: 0, count: 16_384)
                while true {
                    let n = buffer.withUnsafeMutableBytes { read(client, $0.baseAddress, $0.count) }
                    if n <= 0 || !LoopbackListener.write(server, buffer[0..<n]) { break }
                }
                shutdown(server, Int32(SHUT_WR))
                copied.signal()
            }.start()
            // server → client: the fault.
            var forwarded = 0
            var buffer = [UInt8](repeating: 0, count: 16_384)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(server, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                switch fault {
                case .stall(let limit):
                    let pass = max(0, min(n, limit - forwarded))
                    if pass > 0 { _ = LoopbackListener.write(client, buffer[0..<pass]) }
                    forwarded += n
                    // Past the limit: swallow everything, keep the socket open.
                case .reset(let limit):
                    let pass = max(0, min(n, limit - forwarded))
                    if pass > 0 { _ = LoopbackListener.write(client, buffer[0..<pass]) }
                    forwarded += pass
                    if forwarded >= limit {
                        shutdown(client, Int32(SHUT_RD))  // ends the copy thread's read; sends nothing
                        copied.wait()
                        LoopbackListener.reset(client)
                        LoopbackListener.reset(server)
                        return
                    }
                case .trickle(let chunk, let delay):
                    var offset = 0
                    while offset < n {
                        let end = min(n, offset + max(1, chunk))
                        if !LoopbackListener.write(client, buffer[offset..<end]) { return }
                        offset = end
                        usleep(delay)
                    }
                }
            }
            shutdown(client, Int32(SHUT_WR))
        }
        box.listener = listener
        self.listener = listener
        port = listener.port
    }

    func close() { listener?.close() }
}

private final class ListenerBox: @unchecked Sendable {
    weak var listener: LoopbackListener?
}
