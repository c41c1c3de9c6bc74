import Foundation
import Testing
@testable import ProducerAudio

/// Files Producer writes are read identically by sox, ffmpeg and libsndfile (Python soundfile).
@Suite struct ToolReadsProducerTests {
    /// Writes the case's signal (with dither, as a render would) and returns the path and what Producer reads back.
    func produce(_ c: WriteCase, in dir: TempDir) throws -> (String, [Float]) {
        let path = dir.file("p.\(c.ext)")
        try AudioFile.write(c.signal, to: path, format: c.format, dither: true)
        return (path, Support.interleaved(try AudioFile.read(path: path).buffer))
    }

    /// - Parameter tolerance: 0 for exact; sox holds samples as 32-bit integers internally, so
    ///   float values below 2^-8 lose bits there and differ by up to 2^-31.
    func compare(_ c: WriteCase, ours: [Float], dump: String, tolerance: Float = 0) throws {
        let theirs = c.isFloat ? try Support.f64Dump(dump) : try Support.s32Dump(dump)
        #expect(theirs.count == ours.count)
        let mismatches = zip(ours, theirs).filter { abs($0 - $1) > tolerance }.count
        #expect(mismatches == 0, "\(mismatches) of \(ours.count) samples differ")
    }

    @Test(
        .enabled(if: Support.hasSox, "sox is not on PATH; skipping sox reading Producer files"),
        arguments: WriteCase.all.filter { $0.format.container != .bw64 })
    func soxReads(_ c: WriteCase) throws {
        let dir = try TempDir()
        let (path, ours) = try produce(c, in: dir)
        try Support.mustRun("sox", [path] + (c.isFloat ? ["-t", "f64"] : ["-t", "s32"]) + [dir.file("d.raw")])
        try compare(c, ours: ours, dump: dir.file("d.raw"), tolerance: c.isFloat ? 0x1p-31 : 0)
    }

    @Test(
        .enabled(if: Support.hasFFmpeg, "ffmpeg is not on PATH; skipping ffmpeg reading Producer files"),
        arguments: WriteCase.all)
    func ffmpegReads(_ c: WriteCase) throws {
        let dir = try TempDir()
        let (path, ours) = try produce(c, in: dir)
        try Support.mustRun(
            "ffmpeg",
            ["-v", "error", "-y", "-i", path]
                + (c.isFloat ? ["-f", "f64le", "-c:a", "pcm_f64le"] : ["-f", "s32le", "-c:a", "pcm_s32le"]) + [
                    dir.file("d.raw")
                ])
        try compare(c, ours: ours, dump: dir.file("d.raw"))
    }

    @Test(
        .enabled(if: Support.hasSoundfile, "python3 with numpy and soundfile is not available"),
        arguments: WriteCase.all.filter { $0.format.container != .bw64 })
    func soundfileReads(_ c: WriteCase) throws {
        let dir = try TempDir()
        let (path, ours) = try produce(c, in: dir)
        let script = """
            import sys, soundfile as sf
            data, rate = sf.read(sys.argv[1], dtype=sys.argv[2], always_2d=True)
            assert rate == int(sys.argv[4]), rate
            data.astype('<' + ('f8' if sys.argv[2] == 'float64' else 'i4')).tofile(sys.argv[3])
            """
        try Support.mustRun(
            "python3",
            [
                "-c", script, path, c.isFloat ? "float64" : "int32", dir.file("d.raw"),
                String(Int(c.format.sampleRate)),
            ])
        try compare(c, ours: ours, dump: dir.file("d.raw"))
    }

    @Test(.enabled(if: Support.hasFFmpeg, "ffmpeg is not on PATH"))
    func ffprobeSeesFormatAndForcedRF64() throws {
        let dir = try TempDir()
        let path = dir.file("big.wav")
        let format = AudioFormat(sampleRate: 48000, channelCount: 2, encoding: .integer(bits: 24))
        let writer = try AudioFileWriter(path: path, format: format)
        writer.rf64Threshold = 0
        try writer.write(Support.signal(channels: 2, frames: 4800))
        try writer.finish()
        let out = try Support.run("ffprobe", ["-v", "error", "-show_streams", "-show_format", path])
        #expect(out.status == 0)
        #expect(out.text.contains("sample_rate=48000"))
        #expect(out.text.contains("channels=2"))
        #expect(out.text.contains("codec_name=pcm_s24le"))
        #expect(out.text.contains("duration_ts=4800") || out.text.contains("duration=0.100000"))
    }
}
