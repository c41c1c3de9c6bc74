#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// What an interrupted command leaves behind: nothing. Files and folders being written are
/// listed here while they are partial; ``removePartialFilesOnSignal()`` (called once by the
/// `producer` executable) makes SIGINT and SIGTERM remove them and exit 130 or 143.
///
/// The signal handler itself only writes the signal's number into a pipe (all a handler may
/// safely do); a thread reading the pipe removes what is listed and exits.
public enum Interrupts {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var files: [String: Int] = [:]
    nonisolated(unsafe) private static var folders: [String: Int] = [:]
    nonisolated(unsafe) private static var installed = false

    /// Lists a partial file to remove if the process is interrupted.
    public static func register(_ path: String) {
        lock.lock()
        files[path, default: 0] += 1
        lock.unlock()
    }

    /// Takes a file off the list (it was completed or removed).
    public static func unregister(_ path: String) {
        lock.lock()
        if let n = files[path] { files[path] = n > 1 ? n - 1 : nil }
        lock.unlock()
    }

    /// Lists a partial folder (and all it holds) to remove if the process is interrupted.
    public static func register(folder path: String) {
        lock.lock()
        folders[path, default: 0] += 1
        lock.unlock()
    }

    /// Takes a folder off the list.
    public static func unregister(folder path: String) {
        lock.lock()
        if let n = folders[path] { folders[path] = n > 1 ? n - 1 : nil }
        lock.unlock()
    }

    /// The partial files and folders listed now (for tests).
    public static var pending: [String] {
        lock.lock()
        defer { lock.unlock() }
        return Array(files.keys) + Array(folders.keys)
    }

    /// Removes what is listed (everything, or what `filter` picks) and takes it off the list.
    /// Returns what was removed.
    @discardableResult
    public static func removePending(where filter: (String) -> Bool = { _ in true }) -> [String] {
        lock.lock()
        let f = files.keys.filter(filter)
        let d = folders.keys.filter(filter)
        for path in f { files[path] = nil }
        for path in d { folders[path] = nil }
        lock.unlock()
        for path in f { unlink(path) }
        for path in d { try? FileManager.default.removeItem(atPath: path) }
        return f + d
    }

    /// Makes SIGINT and SIGTERM remove every partial file and folder, say so on standard error
    /// and exit with 128 + the signal's number (130, 143). Idempotent.
    public static func removePartialFilesOnSignal() {
        lock.lock()
        defer { lock.unlock() }
        guard !installed else { return }
        installed = true
        // A process may start with these signals blocked (a parent's mask is inherited): then
        // they would stay pending forever. Unblock them here, before the thread below exists.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        sigaddset(&unblock, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return }
        signalPipe = fds[1]
        let readEnd = fds[0]
        let thread = Thread {
            var byte: UInt8 = 0
            while true {
                let n = SystemCalls.read(readEnd, &byte, 1)
                if n == 1 { break }
                if n < 0 { return }
            }
            let removed = removePending()
            let name = byte == UInt8(SIGTERM) ? "terminated" : "interrupted"
            var message = "producer: \(name)"
            if !removed.isEmpty {
                message += "; removed the unfinished " + removed.map { displayName($0) }.joined(separator: ", ")
            }
            message += "\n"
            _ = message.utf8CString.withUnsafeBytes { raw in
                SystemCalls.writeAll(2, UnsafeRawBufferPointer(rebasing: raw.dropLast()))
            }
            _exit(128 + Int32(byte))
        }
        thread.name = "producer-interrupts"
        thread.start()
        for sig in [SIGINT, SIGTERM] {
            #if canImport(Darwin)
            var action = sigaction()
            action.__sigaction_u.__sa_handler = forwardSignal
            #else
            var action = sigaction()
            action.__sigaction_handler.sa_handler = forwardSignal
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(sig, &action, nil)
        }
    }

    /// ".mix.wav.partial-AbC123" → "mix.wav (.mix.wav.partial-AbC123)".
    private static func displayName(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard name.hasPrefix("."), let r = name.range(of: ".partial-") else { return path }
        return String(name[name.index(after: name.startIndex)..<r.lowerBound])
    }
}

/// The write end of the pipe the signal handler writes into.
nonisolated(unsafe) private var signalPipe: Int32 = -1

private func forwardSignal(_ sig: Int32) {
    var byte = UInt8(truncatingIfNeeded: sig)
    #if canImport(Glibc)
    _ = Glibc.write(signalPipe, &byte, 1)
    #elseif canImport(Musl)
    _ = Musl.write(signalPipe, &byte, 1)
    #else
    _ = Darwin.write(signalPipe, &byte, 1)
    #endif
}
