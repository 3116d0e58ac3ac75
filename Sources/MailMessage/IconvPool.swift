// A pool of iconv descriptors shared by Charset decoding.

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reuses iconv descriptors: opening one loads (and closing may unload) a gconv module,
/// which cost more than the conversion itself for typical mail parts.
final class IconvPool: @unchecked Sendable {
    static let shared = IconvPool()
    private let lock = NSLock()
    private var free: [String: [iconv_t]] = [:]
    private var known: [String: Bool] = [:]

    func acquire(_ name: String) -> iconv_t? {
        lock.lock()
        if let cd = free[name]?.popLast() {
            lock.unlock()
            return cd
        }
        lock.unlock()
        let cd = iconv_open("UTF-8", name)
        if cd == iconv_t(bitPattern: -1) { return nil }
        return cd
    }

    func release(_ name: String, _ cd: iconv_t) {
        _ = iconv(cd, nil, nil, nil, nil)  // back to the initial shift state
        lock.lock()
        if free[name, default: []].count < 8 {
            free[name, default: []].append(cd)
            lock.unlock()
        } else {
            lock.unlock()
            iconv_close(cd)
        }
    }

    /// Whether iconv can open this name; the answer is cached (labels repeat a lot).
    func isKnown(_ name: String) -> Bool {
        lock.lock()
        if let k = known[name] {
            lock.unlock()
            return k
        }
        lock.unlock()
        let cd = acquire(name)
        if let cd { release(name, cd) }
        lock.lock()
        if known.count < 1_000 { known[name] = cd != nil }
        lock.unlock()
        return cd != nil
    }
}
