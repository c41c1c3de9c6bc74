import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens a FIFO for writing if a reader has blocked on it for a second, so that a test of a
/// reader that wrongly waits fails instead of hanging.
public final class FIFOWatchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false
    private var unblocked = false

    public init(path: String) {
        let thread = Thread { [self] in
            while !isStopped {
                Thread.sleep(forTimeInterval: 1)
                let fd = open(path, O_WRONLY | O_NONBLOCK)
                if fd >= 0 {
                    lock.withLock { unblocked = true }
                    close(fd)
                }
            }
        }
        thread.start()
    }

    private var isStopped: Bool { lock.withLock { stopped } }
    public var hadToUnblock: Bool { lock.withLock { unblocked } }
    public func stop() { lock.withLock { stopped = true } }
}
