// An exclusive, non-blocking lock next to the database, so two `run`s never overlap.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// flock(2) on a lock file. Released when the value is released (or the process ends, even
/// by a crash: the kernel drops the lock with the descriptor).
public final class RunLock {
    private let descriptor: Int32
    public let path: String

    /// Takes the lock or returns nil at once when another run holds it.
    public static func acquire(path: String) throws -> RunLock? {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw PipelineError.configuration("cannot open lock file \(path) (errno \(errno)) — check the database folder's permissions")
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            close(fd)
            if code == EWOULDBLOCK { return nil }
            throw PipelineError.temporary("cannot lock \(path) (errno \(code))")
        }
        return RunLock(descriptor: fd, path: path)
    }

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
