import Testing
import ProducerMusic

@Suite("Tempo maps, bars and beats")
struct TempoMapTests {
    @Test func steadyTempo() {
        let map = TempoMap(bpm: 120)
        #expect(map.seconds(atQuarterNotes: 4) == 2)
        #expect(map.quarterNotes(atSeconds: 3) == 6)
        #expect(map.seconds(atTick: 960, ticksPerQuarter: 480) == 1)
        #expect(map.ticks(atSeconds: 1.5, ticksPerQuarter: 480) == 1440)
        #expect(map.bpm(atSeconds: 100) == 120)
        #expect(map.isSteady)
    }

    @Test func barBeatPositions() {
        let map = TempoMap(bpm: 120, meter: .fourFour)
        #expect(map.barBeat(atSeconds: 0) == BarBeat(bar: 1, beat: 1, fraction: 0))
        #expect(map.barBeat(atSeconds: 0).description == "1:1")
        // Bar 17 beat 3: 16 bars × 4 + 2 beats = 66 quarters = 33 s.
        #expect(map.barBeat(atSeconds: 33).description == "17:3")
        #expect(map.barBeat(atSeconds: 33.25).description == "17:3.50")
        #expect(map.barBeat(atSeconds: 33.05).description == "17:3.10")
        #expect(map.barBeat(atSeconds: 33.01).description == "17:3.02")
        #expect(map.barBeat(atSeconds: 34.999).description == "18:2.99")  // truncated, never "18:3.00"
        #expect(map.barBeat(atSeconds: 34.999_999_999_99).description == "18:3")
        #expect(map.seconds(at: BarBeat(bar: 17, beat: 3, fraction: 0.5)) == 33.25)
        #expect(map.barBeat(atSeconds: -2).description == "0:1")
        // Float noise right below a beat snaps to the beat.
        #expect(map.barBeat(atQuarterNotes: 66 - 1e-12).description == "17:3")
    }

    @Test func sixEight() {
        let map = TempoMap(bpm: 90, meter: .sixEight)  // 90 quarters a minute: an eighth is 1/3 s
        #expect(map.barBeat(atQuarterNotes: 3).description == "2:1")
        #expect(map.barBeat(atQuarterNotes: 4.25).description == "2:3.50")
        #expect(abs(map.seconds(at: BarBeat(bar: 2, beat: 1)) - 2) < 1e-12)
    }

    @Test func tempoChanges() {
        // 120 bpm for 8 quarters (4 s), then 60 bpm.
        let map = TempoMap(
            ticksPerQuarter: 480,
            tempoEvents: [(0, 500_000), (3840, 1_000_000)],
            meterEvents: [(0, .fourFour)])
        #expect(map.seconds(atTick: 3840, ticksPerQuarter: 480) == 4)
        #expect(map.seconds(atTick: 4320, ticksPerQuarter: 480) == 5)
        #expect(map.quarterNotes(atSeconds: 6) == 10)
        #expect(map.bpm(atSeconds: 3.9) == 120)
        #expect(map.bpm(atSeconds: 4) == 60)
        #expect(map.barBeat(atSeconds: 6).description == "3:3")
        #expect(!map.isSteady)
        for s in stride(from: -1.0, through: 20, by: 0.173) {
            #expect(abs(map.seconds(atQuarterNotes: map.quarterNotes(atSeconds: s)) - s) < 1e-9)
            let bb = map.barBeat(atSeconds: s)
            #expect(abs(map.seconds(at: bb) - s) < 1e-9)
        }
    }

    @Test func meterChanges() {
        // Two bars of 4/4 then 3/4 from quarter 8; a 7/8 change in the middle of a bar starts a new bar.
        let map = TempoMap(
            tempoChanges: [.init(quarterNotes: 0, bpm: 60)],
            meterChanges: [
                .init(quarterNotes: 0, meter: .fourFour),
                .init(quarterNotes: 8, meter: .threeFour),
                .init(quarterNotes: 15, meter: TimeSignature(7, 8)),
            ])
        #expect(map.barBeat(atQuarterNotes: 8).description == "3:1")
        #expect(map.barBeat(atQuarterNotes: 11).description == "4:1")
        #expect(map.barBeat(atQuarterNotes: 13.5).description == "4:3.50")
        #expect(map.barBeat(atQuarterNotes: 15).description == "6:1")  // bar 5 cut short
        #expect(map.barBeat(atQuarterNotes: 15.5).description == "6:2")
        #expect(map.barBeat(atQuarterNotes: 18.5).description == "7:1")
        #expect(map.quarterNotes(at: BarBeat(bar: 6, beat: 2)) == 15.5)
        #expect(map.meter(atQuarterNotes: 9) == .threeFour)
        #expect(map.meterChanges.count == 3)
    }

    @Test func defaultsAndBadInput() {
        let map = TempoMap(
            tempoChanges: [.init(quarterNotes: 0, bpm: 0), .init(quarterNotes: 1, bpm: .nan)], meterChanges: [])
        #expect(map.bpm(atSeconds: 0) == 120)
        #expect(map.meter(atQuarterNotes: 0) == .fourFour)
        #expect(TimeSignature(validating: 3, 5) == nil)
        #expect(TimeSignature(validating: 0, 4) == nil)
        #expect(TimeSignature(6, 8).quarterNotesPerBar == 3)
        #expect(TimeSignature(6, 8).description == "6/8")
    }
}
