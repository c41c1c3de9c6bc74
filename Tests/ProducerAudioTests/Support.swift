import Foundation
import ProducerTestSupport

@testable import ProducerAudio

/// Shared helpers: external tools, processes, temporary directories, raw sample dumps.
enum Support {
    /// Whether `name` is an executable on PATH.
    static func has(_ name: String) -> Bool { which(name) != nil }

    static func which(_ name: String) -> String? {
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for d in dirs {
            let p = "\(d)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    static let hasSox = has("sox")
    static let hasFFmpeg = has("ffmpeg") && has("ffprobe")
    /// Whether python3 can import numpy and soundfile (libsndfile).
    static let hasSoundfile = Python.canImport("numpy", "soundfile")

    struct Output {
        var status: Int32
        var text: String
    }

    /// Runs `tool` (looked up on PATH) with `args`; stdout and stderr together in `text`.
    @discardableResult
    static func run(_ tool: String, _ args: [String]) throws -> Output {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: which(tool) ?? tool)
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Output(status: p.terminationStatus, text: String(decoding: data, as: UTF8.self))
    }

    /// Runs a tool and fails with its output when it exits non-zero.
    static func mustRun(_ tool: String, _ args: [String]) throws {
        let out = try run(tool, args)
        if out.status != 0 {
            throw ToolFailure(
                description: "\(tool) \(args.joined(separator: " ")) failed (\(out.status)):\n\(out.text)")
        }
    }

    struct ToolFailure: Error, CustomStringConvertible { var description: String }

    /// Bytes of a file.
    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func writeBytes(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Little-endian int32 samples of a raw dump, as Float the way Producer converts (÷ 2^31).
    static func s32Dump(_ path: String) throws -> [Float] {
        let b = try bytes(path)
        return stride(from: 0, to: b.count - 3, by: 4).map { i in
            Float(
                Int32(
                    bitPattern: UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24))
                * (1.0 / 2_147_483_648.0)
        }
    }

    /// Little-endian float64 samples of a raw dump, as Float.
    static func f64Dump(_ path: String) throws -> [Float] {
        let b = try bytes(path)
        return stride(from: 0, to: b.count - 7, by: 8).map { i in
            var u: UInt64 = 0
            for k in 0..<8 { u |= UInt64(b[i + k]) << (8 * k) }
            return Float(Double(bitPattern: u))
        }
    }

    /// Interleaves a buffer's valid frames.
    static func interleaved(_ buffer: AudioBuffer) -> [Float] {
        var out: [Float] = []
        out.reserveCapacity(buffer.frameCount * buffer.channelCount)
        for f in 0..<buffer.frameCount {
            for c in 0..<buffer.channelCount { out.append(buffer[c, f]) }
        }
        return out
    }

    /// A test signal: a sine per channel plus, at the start, -1.0, the largest positive code
    /// for `bits` (when given), 0 and small values.
    static func signal(channels: Int, frames: Int, bits: Int? = nil, rate: Double = 48000) -> AudioBuffer {
        var b = AudioBuffer(channelCount: channels, frameCapacity: frames, frameCount: frames)
        for c in 0..<channels {
            let freq = 440.0 * Double(c + 1)
            for f in 0..<frames {
                b[c, f] = Float(0.7 * sin(2 * Double.pi * freq * Double(f) / rate))
            }
            if frames >= 4 {
                b[c, 0] = -1.0
                if let bits {
                    b[c, 1] = Float(Double((1 << (bits - 1)) - 1) / Double(1 << (bits - 1)))
                } else {
                    b[c, 1] = 1.0
                }
                b[c, 2] = 0
                b[c, 3] = 0.5
            }
        }
        return b
    }
}

/// A temporary directory removed when it goes away.
final class TempDir {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "producer-audio-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String) -> String { path + "/" + name }
    /// Names in the directory (to check for leftover temporary files).
    func contents() -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] }
}
