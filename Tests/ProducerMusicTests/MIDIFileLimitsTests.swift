import Foundation
import ProducerMusic
import ProducerTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// MIDI files that are not files at all, or large: refused before reading, or read in time
/// linear in their size, notes included.
@Suite struct MIDIFileLimitsTests {
    @Test func aFIFOAFolderOrADeviceIsRefusedBeforeReadingWithoutBlocking() throws {
        let dir = NSTemporaryDirectory() + "producer-midi-fifo-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fifo = dir + "/part.mid"
        #expect(mkfifo(fifo, 0o644) == 0)
        let watchdog = FIFOWatchdog(path: fifo)
        defer { watchdog.stop() }
        for (path, says) in [
            (fifo, "this is a pipe (FIFO), not a regular file; give the MIDI file itself"),
            (dir, "this is a folder, not a MIDI file"),
            ("/dev/zero", "this is a device, not a regular file; give the MIDI file itself"),
        ] {
            #expect(throws: MIDIFileError(fileName: path, byteOffset: nil, reason: says)) { try MIDIFile(path: path) }
        }
        #expect(!watchdog.hadToUnblock, "the reader blocked on the FIFO")
    }

    /// A format-0 file: `count` notes of one pitch struck one after another, then all released
    /// (the case that made pairing quadratic), and as many short notes of other pitches.
    static func file(notes count: Int) -> [UInt8] {
        var track: [UInt8] = [0x00, 0xFF, 0x51, 0x03, 0x07, 0xA1, 0x20]  // 120 BPM
        for _ in 0..<count { track += [0x01, 0x90, 60, 100] }
        for _ in 0..<count { track += [0x01, 0x80, 60, 0] }
        for i in 0..<count { track += [0x01, 0x91, UInt8(40 + i % 40), 90, 0x01, 0x81, UInt8(40 + i % 40), 0] }
        track += [0x00, 0xFF, 0x2F, 0x00]
        func be32(_ v: Int) -> [UInt8] {
            [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
        }
        return Array("MThd".utf8) + be32(6) + [0, 0, 0, 1, 0x01, 0xE0] + Array("MTrk".utf8) + be32(track.count) + track
    }

    @Test func readingAndPairingNotesTakesTimeLinearInTheFile() throws {
        let small = Self.file(notes: 2_000)
        let large = Self.file(notes: 20_000)
        let song = try MIDIFile(bytes: large, name: "large.mid")
        #expect(song.notes().count == 40_000)
        #expect(song.notes().filter { $0.pitch == 60 }.first?.endTick == 20_001)  // first struck, first released
        let ratio = try LinearTime.ratio(small: small, large: large) { bytes in
            let song = try MIDIFile(bytes: bytes, name: "m.mid")
            _ = song.notes()
            _ = song.duration
        }
        #expect(ratio <= 20, "10× the file took \(ratio)× the time")
    }
}
