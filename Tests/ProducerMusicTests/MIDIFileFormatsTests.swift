import Testing

@testable import ProducerMusic

/// Standard MIDI Files written byte by byte: types 0 and 1 with running status and meta events,
/// and broken files whose errors name the byte.
@Suite("MIDI file formats, by hand")
struct MIDIFileFormatsTests {
    typealias M = MalformedMIDITests

    /// Type 1 at 96 ticks a quarter: a conductor track (name, 120 bpm, 3/4, A minor, a marker,
    /// 60 bpm from tick 288) and two note tracks, one in running status throughout.
    static let typeOne: [UInt8] =
        M.header(format: 1, tracks: 3, division: 96)
        + M.track(
            [0, 0xFF, 0x03, 10] + Array("Late Train".utf8)
                + [0, 0xFF, 0x51, 3, 0x07, 0xA1, 0x20]  // 120 bpm
                + [0, 0xFF, 0x58, 4, 3, 2, 24, 8]  // 3/4
                + [0, 0xFF, 0x59, 2, 0, 1]  // A minor
                + [0, 0xFF, 0x06, 5] + Array("Verse".utf8)  // marker
                + [0x82, 0x20, 0xFF, 0x51, 3, 0x0F, 0x42, 0x40]  // tick 288: 60 bpm
                + [0, 0xFF, 0x2F, 0])
        + M.track(
            [0, 0xFF, 0x03, 4] + Array("Bass".utf8)
                + [0, 0xC1, 33]  // program 34 on channel 2
                + [0, 0x91, 36, 100]  // C2 on at 0
                + [0x60, 36, 0]  // running status: off at 96
                + [0, 38, 90]  // running status: D2 on at 96
                + [0x82, 0x20, 38, 0]  // off at 384
                + [0, 0xFF, 0x2F, 0])
        + M.track(
            [0, 0xFF, 0x03, 4] + Array("Keys".utf8)
                + [0x82, 0x20, 0x92, 60, 80]  // C4 on at 288, channel 3
                + [0x81, 0x40, 0x82, 60, 64]  // explicit note-off at 480
                + [0, 0xFF, 0x2F, 0])

    @Test func typeOneWithRunningStatusAndMeta() throws {
        let song = try MIDIFile(bytes: Self.typeOne, name: "late.mid")
        #expect(song.format == 1 && song.ticksPerQuarter == 96)
        #expect(song.tracks.map(\.name) == ["Late Train", "Bass", "Keys"])
        #expect(song.tracks[0].events.contains { $0.message == .text(type: 6, "Verse") })
        #expect(song.tracks[1].events.contains { $0.message == .programChange(channel: 1, program: 33) })
        #expect(song.timeSignatures.map(\.meter) == [.threeFour])
        #expect(song.keySignatures.map(\.key.description) == ["A minor"])
        #expect(song.tempoMap.tempoChanges.map(\.bpm) == [120, 60])
        let notes = song.notes()
        #expect(notes.map(\.pitch) == [36, 38, 60])
        #expect(notes.map(\.track) == [1, 1, 2])
        #expect(notes.map(\.channel) == [1, 1, 2])
        #expect(notes.map(\.velocity) == [100, 90, 80])
        #expect(notes.map(\.startTick) == [0, 96, 288])
        #expect(notes.map(\.endTick) == [96, 384, 480])
        // 120 bpm for the first 288 ticks (1.5 s), then 60 bpm.
        #expect(notes.map(\.start) == [0, 0.5, 1.5])
        #expect(notes.map(\.end) == [0.5, 2.5, 3.5])
    }

    @Test func typeZeroWithMetaBetweenRunningStatus() throws {
        let bytes =
            M.header(format: 0, tracks: 1, division: 480)
            + M.track(
                [0, 0xFF, 0x58, 4, 6, 3, 24, 8]  // 6/8
                    + [0, 0xFF, 0x51, 3, 0x09, 0x27, 0xC0]  // 100 bpm
                    + [0, 0xFF, 0x59, 2, 0xFE, 0]  // B♭ major
                    + [0, 0x90, 67, 70]  // G4 on
                    + [0x83, 0x60, 0xFF, 0x05, 3] + Array("la-".utf8)  // lyric at 480
                    + [0, 67, 0]  // running status survives the meta event: off at 480
                    + [0, 69, 72]  // A4 on
                    + [0x83, 0x60, 0x80, 69, 0]  // note-off at 960
                    + [0, 0xFF, 0x2F, 0])
        let song = try MIDIFile(bytes: bytes, name: "waltz.mid")
        #expect(song.format == 0 && song.tracks.count == 1)
        #expect(song.timeSignatures.map(\.meter) == [.sixEight])
        #expect(song.keySignatures.map(\.key.description) == ["B♭ major"])
        #expect(song.tracks[0].events.contains { $0.message == .text(type: 5, "la-") })
        let notes = song.notes()
        #expect(notes.map(\.pitch) == [67, 69])
        #expect(notes.map(\.endTick) == [480, 960])
        #expect(notes.map(\.end) == [0.6, 1.2])
    }

    func error(_ bytes: [UInt8]) -> MIDIFileError? {
        do {
            _ = try MIDIFile(bytes: bytes, name: "broken.mid")
            return nil
        } catch {
            return error
        }
    }

    @Test func truncatedChunkHeaderNamesItsByte() throws {
        // The header and the first four bytes of a track chunk's header.
        let e = try #require(error(M.header() + Array("MTrk".utf8)))
        #expect(e.byteOffset == 14, "\(e)")
        #expect(e.description.hasPrefix("broken.mid: byte 14: "), "\(e)")
    }

    @Test func truncatedEventNamesItsByte() throws {
        // A note-on missing its velocity at the end of the track.
        let e = try #require(error(M.header() + M.track([0, 0x90, 60])))
        #expect(e.byteOffset == 22, "\(e)")
        #expect(e.description == "broken.mid: byte 22: track 1 ends in the middle of a channel message")
    }

    @Test func absurdMetaLengthNamesItsByte() throws {
        // A text meta event claiming 2^28 - 1 bytes in a 9-byte track.
        let e = try #require(error(M.header() + M.track([0, 0xFF, 0x01, 0xFF, 0xFF, 0xFF, 0x7F, 1, 2])))
        #expect(e.byteOffset != nil)
        #expect(e.reason.contains("runs past the end of the track"), "\(e)")
    }
}
