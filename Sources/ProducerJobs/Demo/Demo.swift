import Foundation
import ProducerAudio
import ProducerConsole
import ProducerEars
import ProducerFiles
import ProducerMusic

/// `producer demo`: a small project of synthesised files with known faults, and what Producer
/// finds in them. Each capability of Producer joins the demo when it lands.
public struct Demo: Sendable {
    /// One file the demo writes and the fault it was given on purpose.
    public struct Item: Sendable, Codable, Equatable {
        /// Path of the file written.
        public var file: String
        /// The fault put in on purpose, in plain words.
        public var fault: String
    }

    /// The folder the demo writes into.
    public var directory: String
    /// The sample rate of the demo's files.
    public var sampleRate: Double = 48_000
    /// Seconds of music in each file.
    public var seconds: Double = 8

    /// Whether the demo may replace the files of an earlier demo in ``directory`` (`--force`).
    public var replacesExisting: Bool = false

    public init(directory: String = "producer-demo", replacesExisting: Bool = false) {
        self.directory = directory
        self.replacesExisting = replacesExisting
    }

    /// The names of everything the demo writes in its folder, in order.
    public static let fileNames = [
        "01-clean-mix.wav", "02-clipped-mix.wav", "03-dc-offset.wav", "04-quiet-and-hissy.wav", "05-phase-inverted.wav",
        "06-16-bit-in-24.wav", "07-melody.mid", "08-vocal-take-1.wav", "09-vocal-take-2.wav", "10-vocal-comp.wav",
        "11-backing.wav", "12-session.yaml", "13-demo-mix.wav", "14-stems", "15-automix.yaml", "15-automix-mix.wav",
        "16-overheads", "17-masters", "album",
    ]

    /// Checks, before anything is written, that the demo may write its folder: it is a folder
    /// (or does not exist yet), and it holds none of the demo's files unless
    /// ``replacesExisting``. Other files in it are never touched.
    /// - Throws: ``FileError`` naming the folder and what to do.
    public func checkFolder() throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder) else { return }
        guard isFolder.boolValue else {
            throw FileError(
                .writeFailed, path: directory, "this is a file; the demo writes a folder (give --output a folder)")
        }
        let earlier = Self.fileNames.filter {
            FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent($0))
        }
        if !earlier.isEmpty && !replacesExisting {
            let list =
                earlier.prefix(3).joined(separator: ", ") + (earlier.count > 3 ? " and \(earlier.count - 3) more" : "")
            throw FileError(
                .exists, path: directory,
                "the folder holds an earlier demo (\(list)); add --force to replace the demo's files, or give --output another folder"
            )
        }
    }

    /// Writes the demo files and returns them with their faults.
    /// - Throws: ``AudioFileError`` if a file cannot be written.
    public func writeFiles() throws -> [Item] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let signals = DemoSignals(sampleRate: sampleRate)
        let (left, right) = signals.mix(seconds: seconds)
        var items: [Item] = []

        func write(
            _ name: String, _ l: [Float], _ r: [Float]?, bits: Int, float: Bool = false,
            dither: Bool = true, fault: String
        ) throws {
            let path = directory + "/" + name
            let channels = r.map { [l, $0] } ?? [l]
            let format = AudioFormat(
                sampleRate: sampleRate, channelCount: channels.count,
                encoding: float ? .float(bits: bits) : .integer(bits: bits))
            try AudioFile.write(AudioBuffer(channels: channels), to: path, format: format, dither: dither)
            items.append(Item(file: path, fault: fault))
        }

        // 1. A clean mix: the reference the others are measured against.
        try write("01-clean-mix.wav", left, right, bits: 24, fault: "none: a clean reference mix")

        // 2. Pushed 12 dB into a hard clip, as an over-eager limiter or a hot converter would.
        let gain: Float = 3.98
        let clip = { (x: Float) -> Float in max(-1, min(1, x * gain)) }
        try write(
            "02-clipped-mix.wav", left.map(clip), right.map(clip), bits: 16,
            fault: "pushed 12 dB into hard clipping at full scale")

        // 3. A DC offset on the left channel (a faulty preamp or converter).
        try write(
            "03-dc-offset.wav", left.map { $0 * 0.8 + 0.05 }, right.map { $0 * 0.8 }, bits: 24,
            fault: "a DC offset of +5 % (−26 dBFS) on the left channel")

        // 4. Recorded far too low, over a hissy preamp, with the recorder rolling 1.5 s early and late.
        let roll = [Float](repeating: 0, count: Int(1.5 * sampleRate))
        let quiet: Float = 0.03  // about −30 dB
        let quietLeft = roll + left.map { $0 * quiet } + roll
        let quietRight = roll + right.map { $0 * quiet } + roll
        let hiss = signals.noise(count: quietLeft.count, rmsDecibels: -66, seed: 4)
        let hissR = signals.noise(count: quietLeft.count, rmsDecibels: -66, seed: 5)
        try write(
            "04-quiet-and-hissy.wav",
            zip(quietLeft, hiss).map { $0 + $1 }, zip(quietRight, hissR).map { $0 + $1 },
            bits: 24, fault: "recorded about 30 dB too low, over hiss at −66 dBFS RMS")

        // 5. One side wired out of phase: it collapses when folded to mono.
        try write(
            "05-phase-inverted.wav", left, left.map { -$0 }, bits: 24,
            fault: "right channel polarity inverted (a miswired cable)")

        // 6. A 16-bit bounce padded into a 24-bit file, with two seconds of dead air in front.
        let pad = [Float](repeating: 0, count: Int(2 * sampleRate))
        let to16 = { (x: Float) -> Float in (x * 32768).rounded() / 32768 }
        try write(
            "06-16-bit-in-24.wav", pad + left.map(to16), pad + right.map(to16), bits: 24,
            dither: false, fault: "16-bit audio in a 24-bit file, with 2 s of silence at the head")
        return items
    }

    /// The sung part of the demo: its files and the flaws planted in each take.
    public struct SungPart: Sendable {
        /// The reference part (MIDI), the takes, and where the comp goes.
        public var reference: String
        public var takes: [String]
        public var comp: String
        /// The key and tempo the part is in.
        public var key: String
        public var tempo: Double
        /// The flaws planted in each take, in plain words.
        public var flaws: [[String]]
    }

    /// Writes the sung part: a reference MIDI file and two vocal takes with known flaws.
    /// - Throws: an error naming the file if one cannot be written.
    public func writeSungPart() throws -> SungPart {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let reference = directory + "/07-melody.mid"
        try MIDIFile.write(
            notes: DemoSong.referenceNotes(), tempo: DemoSong.tempo,
            key: try Key(parsing: DemoSong.key), to: reference)
        var takes: [String] = []
        for (i, flaws) in [DemoSong.take1Flaws, DemoSong.take2Flaws].enumerated() {
            let path = directory + "/0\(8 + i)-vocal-take-\(i + 1).wav"
            let samples = DemoSong.sing(flaws: flaws, sampleRate: 44_100, seed: UInt64(11 + i))
            try AudioFile.write(
                AudioBuffer(channels: [samples]), to: path,
                format: AudioFormat(sampleRate: 44_100, channelCount: 1, encoding: .integer(bits: 24)))
            takes.append(path)
        }
        return SungPart(
            reference: reference, takes: takes, comp: directory + "/10-vocal-comp.wav", key: DemoSong.key,
            tempo: DemoSong.tempo,
            flaws: [DemoSong.take1Flaws, DemoSong.take2Flaws].map { $0.map(\.what).filter { !$0.isEmpty } })
    }

    /// The demo's mix: a backing track and the vocal comp through a session file it writes.
    public struct MixSession: Sendable {
        /// The session file, its text, and the rendered mix.
        public var session: String
        public var yaml: String
        public var mix: String
    }

    /// Writes a backing track and a session that mixes it with the vocal comp (EQ, compression,
    /// a plate send, an automated fade, a true-peak limiter), and renders it.
    /// - Throws: an error naming the file or the session line if anything fails.
    public func writeMixSession(comp: String) throws -> MixSession {
        let signals = DemoSignals(sampleRate: 44_100)
        let (left, right) = signals.mix(seconds: 21, tempo: DemoSong.tempo)
        let backing = directory + "/11-backing.wav"
        try AudioFile.write(
            AudioBuffer(channels: [left, right]), to: backing,
            format: AudioFormat(sampleRate: 44_100, channelCount: 2, encoding: .integer(bits: 24)))
        let compName = (comp as NSString).lastPathComponent
        let yaml = """
            # The demo's mix: the backing track and the lead vocal comp.
            sampleRate: 44100
            tempo: \(Int(DemoSong.tempo))
            tracks:
              - name: Backing
                file: 11-backing.wav
                gain: -4
              - name: Lead vocal
                file: \(compName)
                gain: 2
                inserts:
                  - eq: { highpass: 100, bands: [{ freq: 250, gain: -2, q: 1.0 }, { freq: 3000, gain: 2.5, q: 1.0 }] }
                  - compressor: { threshold: -24, ratio: 3, attack: 10, release: 120, makeup: 3 }
                sends: [{ bus: Plate, level: -10 }]
                automation:
                  gain: [{ time: "9:1", value: 2 }, { time: "10:1", value: -2 }]
            buses:
              - name: Plate
                inserts: [{ reverb: { size: 0.6, damping: 0.4, predelay: 20, mix: 1.0 } }]
            master:
              inserts: [{ limiter: { ceiling: -1.0, release: 80 } }]

            """
        let sessionPath = directory + "/12-session.yaml"
        try PartialFile.write(text: yaml, to: sessionPath)
        let mix = directory + "/13-demo-mix.wav"
        _ = try Mixdown(encoding: .integer(bits: 24), replacesExisting: replacesExisting)
            .render(try Session(path: sessionPath), to: mix)
        return MixSession(session: sessionPath, yaml: yaml, mix: mix)
    }

    /// The band's stems for the mix assistant (``DemoStems``), in `14-stems/`.
    public func writeStems() throws -> [String] {
        try DemoStems(sampleRate: sampleRate, seconds: seconds).write(
            to: (directory as NSString).appendingPathComponent("14-stems"))
    }

    /// An overhead pair over the band's kit (kick, snare, hats), each hearing its own balance of
    /// the kit and its own hiss; the right one ``overheadDelay`` samples late and inverted, as a
    /// pair wired wrong and placed unevenly would be. In `16-overheads/`.
    public func writeOverheads() throws -> (left: String, right: String) {
        let kit = DemoStems(sampleRate: sampleRate, seconds: seconds).renderBand()
        return try Self.writeOverheads(
            kick: kit[0][0], snare: kit[1][0], hats: kit[2][0], sampleRate: sampleRate, delay: Self.overheadDelay,
            to: (directory as NSString).appendingPathComponent("16-overheads"))
    }

    /// Writes `oh-left.wav` and `oh-right.wav` (mono, 24-bit) into `folder`: an overhead pair over
    /// `kick`, `snare` and `hats`, each with its own balance and hiss, the right one `delay`
    /// samples late (a fractional delay) and inverted. `seed` sets the hiss.
    static func writeOverheads(
        kick: [Float], snare: [Float], hats: [Float], sampleRate: Double, delay: Double, seed: UInt64 = 0x0E4D,
        to folder: String
    ) throws -> (left: String, right: String) {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let n = kick.count
        var left = [Float](repeating: 0, count: n), right = left
        var hiss = SplitMix(seed: seed)
        for i in 0..<n {
            left[i] = 0.5 * kick[i] + 0.8 * snare[i] + 1.4 * hats[i] + Float(0.002 * hiss.nextSigned())
            right[i] = 0.6 * kick[i] + 1.1 * snare[i] + 0.8 * hats[i]
        }
        right = FractionalDelay.delayed(right, by: delay).map { -$0 }
        for i in 0..<n { right[i] += Float(0.002 * hiss.nextSigned()) }
        let format = AudioFormat(sampleRate: sampleRate, channelCount: 1, encoding: .integer(bits: 24))
        let paths = (folder + "/oh-left.wav", folder + "/oh-right.wav")
        try AudioFile.write(AudioBuffer(channels: [left]), to: paths.0, format: format)
        try AudioFile.write(AudioBuffer(channels: [right]), to: paths.1, format: format)
        return paths
    }

    /// How late the demo's right overhead is, samples.
    public static let overheadDelay = 41.3
}
