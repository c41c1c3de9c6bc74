import ProducerAudio
import ProducerMusic

/// A track's audio file (or MIDI part played by a built-in instrument) placed on the timeline:
/// read in blocks, silent before its start and after its end.
final class TrackSource: @unchecked Sendable {
    /// The audio file; nil for a MIDI track.
    let reader: AudioFileReader?
    /// The instrument playing a MIDI track (stereo); nil for an audio file.
    private var synth: InstrumentSynth?
    let channelCount: Int
    let startFrame: Int64
    let trimStart: Int64
    let length: Int64
    private var scratch: AudioBuffer
    private var filePosition: Int64 = -1

    /// The last timeline frame (exclusive) where the track sounds.
    var endFrame: Int64 { startFrame + length }

    /// Opens track number `index` (its key path is `tracks[index]`).
    init(
        track: Session.Track, index: Int, sessionPath: String, sampleRate: Double, blockFrames: Int
    ) throws(SessionError) {
        if var part = track.midi {
            if !part.isLoaded { try part.load(path: track.file, sessionPath: sessionPath, key: "tracks[\(index)]") }
            let synth = InstrumentSynth(
                instrument: part.instrument ?? .keys, sampleRate: sampleRate, notes: part.notes ?? [])
            self.synth = synth
            reader = nil
            channelCount = 2
            startFrame = track.startFrame
            trimStart = min(track.trimStartFrame, synth.endFrame)
            length = min(track.trimLengthFrames ?? Int64.max, synth.endFrame - trimStart)
            scratch = AudioBuffer(channelCount: 2, frameCapacity: 1)
            return
        }
        let key = "tracks[\(index)].file"
        let reader: AudioFileReader
        do {
            reader = try AudioFileReader(path: track.file)
        } catch {
            throw SessionError(file: sessionPath, line: track.strip.line, key: key, code: .track, "\(error)")
        }
        guard reader.format.sampleRate == sampleRate else {
            throw SessionError(
                file: sessionPath, line: track.strip.line, key: key,
                "\(track.file) is at \(Int(reader.format.sampleRate)) Hz but the session renders at \(Int(sampleRate)) Hz"
            )
        }
        guard reader.format.channelCount <= 2 else {
            throw SessionError(
                file: sessionPath, line: track.strip.line, key: key,
                "\(track.file) has \(reader.format.channelCount) channels; tracks take mono or stereo files")
        }
        self.reader = reader
        channelCount = reader.format.channelCount
        startFrame = track.startFrame
        trimStart = min(track.trimStartFrame, reader.frameCount)
        length = min(track.trimLengthFrames ?? Int64.max, reader.frameCount - trimStart)
        scratch = AudioBuffer(channelCount: reader.format.channelCount, frameCapacity: blockFrames)
    }

    /// Fills `block` with the track's audio for timeline frames `frame ..< frame + count`.
    func read(into block: inout AudioBuffer, frame: Int64, count: Int) throws {
        let from = max(frame, startFrame), to = min(frame + Int64(count), endFrame)
        guard from < to else {
            block.frameCount = count
            block.silence()
            return
        }
        let fileFrame = trimStart + (from - startFrame)
        guard let reader else {
            renderSynth(into: &block, frame: frame, count: count, from: from, to: to, synthFrame: fileFrame)
            return
        }
        if fileFrame != filePosition { try reader.seek(toFrame: fileFrame); filePosition = fileFrame }
        // The usual case, a whole block inside the track: read straight into it.
        if from == frame && Int(to - from) == block.frameCapacity && count == block.frameCapacity {
            let got = try reader.read(into: &block)
            filePosition += Int64(got)
            if got == count { return }
            block.frameCount = count
            for c in 0..<channelCount {
                block.withMutableChannel(c) { dst in
                    UnsafeMutableBufferPointer(rebasing: dst[got..<count]).update(repeating: 0)
                }
            }
            return
        }
        block.frameCount = count
        block.silence()
        var written = Int(from - frame)
        var remaining = Int(to - from)
        while remaining > 0 {
            if scratch.frameCapacity < remaining {
                scratch = AudioBuffer(channelCount: channelCount, frameCapacity: remaining)
            }
            let got = try reader.read(into: &scratch)
            if got == 0 { break }
            let use = min(got, remaining)
            for c in 0..<channelCount {
                scratch.withChannel(c) { src in
                    block.withMutableChannel(c) { dst in
                        _ = UnsafeMutableBufferPointer(rebasing: dst[written..<(written + use)])
                            .update(fromContentsOf: UnsafeBufferPointer(rebasing: src[0..<use]))
                    }
                }
            }
            filePosition += Int64(got)
            if got > use { try reader.seek(toFrame: filePosition - Int64(got - use)); filePosition -= Int64(got - use) }
            written += use
            remaining -= use
        }
    }

    /// A MIDI track's block: the instrument plays timeline frames `from ..< to` (the rest is silence).
    private func renderSynth(
        into block: inout AudioBuffer, frame: Int64, count: Int, from: Int64, to: Int64, synthFrame: Int64
    ) {
        block.frameCount = count
        let stride = block.frameCapacity
        let offset = Int(from - frame), n = Int(to - from)
        block.withUnsafeMutableStorage { storage in
            let left = storage.baseAddress!, right = left + stride
            if offset > 0 {
                left.update(repeating: 0, count: offset)
                right.update(repeating: 0, count: offset)
            }
            synth!.render(intoLeft: left + offset, right: right + offset, frame: synthFrame, count: n)
            let rest = count - offset - n
            if rest > 0 {
                (left + offset + n).update(repeating: 0, count: rest)
                (right + offset + n).update(repeating: 0, count: rest)
            }
        }
    }
}
