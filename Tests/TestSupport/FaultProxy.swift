// A loopback TCP proxy in front of a real server (Dovecot, Postfix) that misbehaves in the
// server → client direction, as `ProxyFault` says: stalls, resets, trickles, or stops like the
// server going away. TLS passes through untouched, so the certificate still names 127.0.0.1.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// When a stopping server "goes away".
public enum StopPoint: Sendable, CustomStringConvertible {
    /// After `count` occurrences of `marker` went from the server to the client (plain text).
    case afterMarker(String, count: Int)
    /// After `bytes` bytes went from the server to the client (TLS passes through).
    case afterBytes(Int)

    public var description: String {
        switch self {
        case .afterMarker(let marker, let count): "after \(count)× \"\(marker)\""
        case .afterBytes(let bytes): "after \(bytes) bytes"
        }
    }
}

/// What the proxy does to the server → client direction.
public enum ProxyFault: Sendable, CustomStringConvertible {
    /// Forwards `bytes` bytes of each connection, then nothing more while keeping it open.
    case stall(afterBytes: Int)
    /// Forwards `bytes` bytes of each connection, then resets both sides.
    case reset(afterBytes: Int)
    /// Forwards everything, `chunk` bytes at a time with `delayMicros` between chunks.
    case trickle(chunk: Int, delayMicros: UInt32)
    /// Forwards normally until `StopPoint` (counted over all connections), then stops like the
    /// server would: the port refuses new connections, open ones are shut down.
    case stop(StopPoint)

    public var description: String {
        switch self {
        case .stall(let n): return "stall after \(n) bytes"
        case .reset(let n): return "reset after \(n) bytes"
        case .trickle(let chunk, let delay): return "trickle \(chunk) bytes / \(delay) µs"
        case .stop(let point): return "stop \(point)"
        }
    }
}

public final class FaultProxy: @unchecked Sendable {
    public let port: Int
    private let upstreamPort: Int
    private let fault: ProxyFault
    private let lock = NSLock()
    private var listener: LoopbackListener?  // guarded by lock
    // For `.stop`, over all connections; guarded by lock.
    private var forwarded = 0
    private var markers = 0
    private var tail: [UInt8] = []
    private var stoppedFlag = false

    /// `.stop` happened.
    public var stopped: Bool { lock.withLock { stoppedFlag } }

    public init(upstreamPort: Int, fault: ProxyFault) throws {
        // Writing to a connection the proxy shut down must fail with EPIPE, not kill the tests.
        signal(SIGPIPE, SIG_IGN)
        self.upstreamPort = upstreamPort
        self.fault = fault
        let box = ProxyBox()
        let listener = try LoopbackListener { client in
            guard let proxy = box.proxy, !proxy.stopped else { LoopbackListener.reset(client); return }
            proxy.serve(client)
        }
        self.listener = listener
        port = listener.port
        box.proxy = self
    }

    /// Refuses new connections, shuts the open ones down.
    public func close() {
        let listener: LoopbackListener? = lock.withLock { self.listener }
        listener?.close()
    }

    /// The server goes away: from now on the port refuses connections, open ones are shut down.
    public func stop() {
        lock.withLock { stoppedFlag = true }
        close()
    }

    private func serve(_ client: Int32) {
        let server = LoopbackListener.connectLoopback(port: upstreamPort)
        if server < 0 { LoopbackListener.reset(client); return }
        lock.withLock { listener }?.track(server)
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
        var sent = 0  // this connection's bytes that went (or would have gone) to the client
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(server, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            switch fault {
            case .stall(let limit):
                let pass = max(0, min(n, limit - sent))
                if pass > 0 { _ = LoopbackListener.write(client, buffer[0..<pass]) }
                sent += n
                // Past the limit: swallow everything, keep the socket open.
            case .reset(let limit):
                let pass = max(0, min(n, limit - sent))
                if pass > 0 { _ = LoopbackListener.write(client, buffer[0..<pass]) }
                sent += pass
                if sent >= limit {
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
            case .stop(let point):
                let pass = admit(buffer[0..<n], point: point)
                if pass > 0 { _ = LoopbackListener.write(client, buffer[0..<pass]) }
                if pass < n || reached(point) {
                    stop()
                    return
                }
            }
        }
        shutdown(client, Int32(SHUT_WR))
    }

    /// How many of `chunk`'s bytes may still go to the client; counts markers and bytes.
    private func admit(_ chunk: ArraySlice<UInt8>, point: StopPoint) -> Int {
        lock.withLock {
            if stoppedFlag { return 0 }
            switch point {
            case .afterBytes(let limit):
                let pass = max(0, min(chunk.count, limit - forwarded))
                forwarded += pass
                return pass
            case .afterMarker(let marker, _):
                let needle = Array(marker.utf8)
                let text = tail + chunk
                var i = 0
                while i + needle.count <= text.count {
                    if text[i..<(i + needle.count)].elementsEqual(needle) { markers += 1; i += needle.count } else { i += 1 }
                }
                tail = Array(text.suffix(needle.count - 1))
                forwarded += chunk.count
                return chunk.count
            }
        }
    }

    private func reached(_ point: StopPoint) -> Bool {
        lock.withLock {
            switch point {
            case .afterBytes(let limit): forwarded >= limit
            case .afterMarker(_, let count): markers >= count
            }
        }
    }
}

private final class ProxyBox: @unchecked Sendable {
    weak var proxy: FaultProxy?
}
