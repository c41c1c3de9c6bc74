import Foundation
import ProducerAudio

/// A fresh temporary folder for one test.
func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "producer-kit-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// The package's root folder (two levels above this file's folder).
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// `../shared/testdata` beside the package, if it is there.
let sharedTestData: String? = {
    let path = packageRoot + "/../shared/testdata"
    return FileManager.default.fileExists(atPath: path) ? path : nil
}()

/// A sine, `seconds` long, with each channel's peak at `dBFS`.
func sine(frequency: Double = 1000, dBFS: Double, seconds: Double, sampleRate: Double = 48_000,
          channels: Int = 2) -> AudioBuffer {
    let n = Int(seconds * sampleRate)
    let a = pow(10, dBFS / 20)
    let samples = (0..<n).map { Float(a * sin(2 * .pi * frequency * Double($0) / sampleRate)) }
    return AudioBuffer(channels: Array(repeating: samples, count: channels))
}

/// Writes `buffer` as a WAV file in `directory` and returns its path.
func writeWAV(_ buffer: AudioBuffer, _ name: String, in directory: String, bits: Int = 24,
              float: Bool = false, sampleRate: Double = 48_000) throws -> String {
    let path = directory + "/" + name
    try AudioFile.write(
        buffer, to: path,
        format: AudioFormat(sampleRate: sampleRate, channelCount: buffer.channelCount,
                            encoding: float ? .float(bits: bits) : .integer(bits: bits)),
        dither: false)
    return path
}

/// Runs a program (in `directory`, with `environment`, when given) and returns its exit status,
/// standard output and standard error.
func runProcess(
    _ executable: String, _ arguments: [String], in directory: String? = nil, environment: [String: String]? = nil
) throws -> (status: Int32, out: String, err: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
    if let environment { p.environment = environment }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
}

/// The `producer` executable that `swift test` built beside the tests, if any.
let producerExecutable: String? = {
    let candidates = [
        Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("producer").path,
        Bundle.main.bundleURL.appendingPathComponent("producer").path,
        packageRoot + "/.build/debug/producer",
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
}()
