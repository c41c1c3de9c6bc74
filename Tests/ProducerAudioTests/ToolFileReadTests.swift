import Foundation
import Testing
@testable import ProducerAudio

/// A file made by sox or ffmpeg, and how to dump its samples for an exact comparison.
struct ToolCase: Sendable, CustomStringConvertible {
    var name: String
    var ext: String
    var channels: Int
    var isFloat: Bool
    var encoding: SampleEncoding
    var container: AudioContainer
    /// Arguments after the tool name; "OUT" is replaced by the output path.
    var make: [String]
    var description: String { name }

    static func sox(
        _ name: String, _ ext: String, ch: Int, _ enc: SampleEncoding, _ container: AudioContainer,
        _ opts: [String], type: String? = nil
    ) -> ToolCase {
        let synth = ["synth", "0.25", "sine", "997", "whitenoise", "sine", "50", "vol", "0.9"]
        return ToolCase(
            name: "sox-" + name, ext: ext, channels: ch, isFloat: { if case .float = enc { true } else { false } }(),
            encoding: enc, container: container,
            make: ["-D", "-n", "-r", "48000", "-c", "\(ch)"] + opts + (type.map { ["-t", $0] } ?? []) + ["OUT"] + synth)
    }

    static func ffmpeg(
        _ name: String, _ ext: String, ch: Int, _ enc: SampleEncoding, _ container: AudioContainer,
        _ opts: [String]
    ) -> ToolCase {
        let exprs = (0..<ch).map { c in c % 2 == 0 ? "0.8*sin(2*PI*\(440 * (c + 1))*t)" : "random(\(c))*1.8-0.9" }
        let layout = ch == 6 ? ":c=5.1" : ""
        return ToolCase(
            name: "ffmpeg-" + name, ext: ext, channels: ch, isFloat: { if case .float = enc { true } else { false } }(),
            encoding: enc, container: container,
            make: [
                "-v", "error", "-y", "-f", "lavfi", "-i",
                "aevalsrc=\(exprs.joined(separator: "|")):s=48000:d=0.25\(layout)",
            ]
                + opts + ["OUT"])
    }

    static let soxCases: [ToolCase] = [
        sox("wav-u8", "wav", ch: 2, .integer(bits: 8), .wav, ["-b", "8", "-e", "unsigned-integer"]),
        sox("wav-s16", "wav", ch: 2, .integer(bits: 16), .wav, ["-b", "16"]),
        sox("wav-s24", "wav", ch: 2, .integer(bits: 24), .wav, ["-b", "24"]),
        sox("wav-s32", "wav", ch: 1, .integer(bits: 32), .wav, ["-b", "32"]),
        sox("wav-f32", "wav", ch: 2, .float(bits: 32), .wav, ["-e", "floating-point", "-b", "32"]),
        sox("wav-f64", "wav", ch: 2, .float(bits: 64), .wav, ["-e", "floating-point", "-b", "64"]),
        sox("wav-s24-6ch", "wav", ch: 6, .integer(bits: 24), .wav, ["-b", "24"]),
        sox("aiff-s8", "aiff", ch: 1, .integer(bits: 8), .aiff, ["-b", "8"]),
        sox("aiff-s16", "aiff", ch: 2, .integer(bits: 16), .aiff, ["-b", "16"]),
        sox("aiff-s24", "aiff", ch: 2, .integer(bits: 24), .aiff, ["-b", "24"]),
        sox("aiff-s32", "aiff", ch: 1, .integer(bits: 32), .aiff, ["-b", "32"]),
        sox("aifc-none-s16", "aifc", ch: 2, .integer(bits: 16), .aifc, ["-b", "16"]),
        sox("aifc-fl32", "aifc", ch: 2, .float(bits: 32), .aifc, ["-e", "floating-point", "-b", "32"]),
        sox("aifc-fl64", "aifc", ch: 1, .float(bits: 64), .aifc, ["-e", "floating-point", "-b", "64"]),
    ]

    static let ffmpegCases: [ToolCase] = [
        ffmpeg("wav-u8", "wav", ch: 2, .integer(bits: 8), .wav, ["-c:a", "pcm_u8"]),
        ffmpeg("wav-s16", "wav", ch: 2, .integer(bits: 16), .wav, ["-c:a", "pcm_s16le"]),
        ffmpeg("wav-s24", "wav", ch: 2, .integer(bits: 24), .wav, ["-c:a", "pcm_s24le"]),
        ffmpeg("wav-s32", "wav", ch: 1, .integer(bits: 32), .wav, ["-c:a", "pcm_s32le"]),
        ffmpeg("wav-f32", "wav", ch: 2, .float(bits: 32), .wav, ["-c:a", "pcm_f32le"]),
        ffmpeg("wav-f64", "wav", ch: 1, .float(bits: 64), .wav, ["-c:a", "pcm_f64le"]),
        ffmpeg("wav-s24-6ch", "wav", ch: 6, .integer(bits: 24), .wav, ["-c:a", "pcm_s24le"]),
        ffmpeg("rf64-s24", "wav", ch: 2, .integer(bits: 24), .rf64, ["-c:a", "pcm_s24le", "-rf64", "always"]),
        ffmpeg("rf64-f32", "wav", ch: 2, .float(bits: 32), .rf64, ["-c:a", "pcm_f32le", "-rf64", "always"]),
        ffmpeg("aiff-s8", "aiff", ch: 1, .integer(bits: 8), .aiff, ["-c:a", "pcm_s8"]),
        ffmpeg("aiff-s16", "aiff", ch: 2, .integer(bits: 16), .aiff, ["-c:a", "pcm_s16be"]),
        ffmpeg("aiff-s24", "aiff", ch: 2, .integer(bits: 24), .aiff, ["-c:a", "pcm_s24be"]),
        ffmpeg("aiff-s32", "aiff", ch: 1, .integer(bits: 32), .aiff, ["-c:a", "pcm_s32be"]),
        ffmpeg("aifc-sowt", "aiff", ch: 2, .integer(bits: 16), .aifc, ["-c:a", "pcm_s16le", "-f", "aiff"]),
        ffmpeg("aifc-fl32", "aiff", ch: 2, .float(bits: 32), .aifc, ["-c:a", "pcm_f32be", "-f", "aiff"]),
        ffmpeg("aifc-fl64", "aiff", ch: 1, .float(bits: 64), .aifc, ["-c:a", "pcm_f64be", "-f", "aiff"]),
    ]
}

/// Files written by sox and ffmpeg read back sample-exact against the tool's own raw dump.
@Suite struct ToolFileReadTests {
    func check(_ c: ToolCase, tool: String, dump: (String, String) throws -> Void) throws {
        let dir = try TempDir()
        let path = dir.file("in.\(c.ext)")
        try Support.mustRun(tool, c.make.map { $0 == "OUT" ? path : $0 })
        let raw = dir.file("dump.raw")
        try dump(path, raw)
        let expected = c.isFloat ? try Support.f64Dump(raw) : try Support.s32Dump(raw)
        let (buffer, format, _) = try AudioFile.read(path: path)
        #expect(format.channelCount == c.channels)
        #expect(format.encoding == c.encoding)
        #expect(format.container == c.container)
        #expect(format.sampleRate == 48000)
        #expect(buffer.frameCount == 12000)
        let got = Support.interleaved(buffer)
        #expect(got.count == expected.count)
        let mismatches = zip(got, expected).filter { $0 != $1 }.count
        #expect(mismatches == 0, "\(mismatches) samples differ")
        #expect(got.contains { $0 != 0 }, "the signal is not silent")
        if c.channels == 6 { #expect(format.channelMask != nil) }
        if c.name == "ffmpeg-wav-s24-6ch" { #expect(format.channelMask == 0x3F) }
    }

    @Test(
        .enabled(if: Support.hasSox, "sox is not on PATH; skipping files written by sox"),
        arguments: ToolCase.soxCases)
    func readsSoxFiles(_ c: ToolCase) throws {
        try check(c, tool: "sox") { input, raw in
            try Support.mustRun("sox", [input] + (c.isFloat ? ["-t", "f64"] : ["-t", "s32"]) + [raw])
        }
    }

    @Test(
        .enabled(if: Support.hasFFmpeg, "ffmpeg is not on PATH; skipping files written by ffmpeg"),
        arguments: ToolCase.ffmpegCases)
    func readsFFmpegFiles(_ c: ToolCase) throws {
        try check(c, tool: "ffmpeg") { input, raw in
            try Support.mustRun(
                "ffmpeg",
                ["-v", "error", "-y", "-i", input]
                    + (c.isFloat ? ["-f", "f64le", "-c:a", "pcm_f64le"] : ["-f", "s32le", "-c:a", "pcm_s32le"]) + [raw])
        }
    }

    /// The shared EBU / BS.1770 test files read the frames sox sees, sample-exact.
    @Test(
        .enabled(if: Support.hasSox, "sox is not on PATH"),
        arguments: [
            "ebu/seq-3341-1-16bit.wav", "ebu/seq-3341-2-16bit.wav", "ebu/seq-3341-12-24bit.wav",
            "bs1770/1770-2_Comp_RelGateTest.wav", "madmom/stereo_sample.wav",
        ])
    func readsSharedTestFiles(_ name: String) throws {
        let path = "/work/shared/testdata/" + name
        try #require(FileManager.default.fileExists(atPath: path), "shared test file missing")
        let dir = try TempDir()
        try Support.mustRun("sox", [path, "-t", "s32", dir.file("d.raw")])
        let expected = try Support.s32Dump(dir.file("d.raw"))
        let (buffer, _, _) = try AudioFile.read(path: path)
        #expect(Support.interleaved(buffer) == expected)
    }
}
