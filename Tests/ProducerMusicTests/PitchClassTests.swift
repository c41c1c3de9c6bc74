import Testing
import ProducerMusic
@Test func pitchClassWraps() { #expect(PitchClass(-1).value == 11 && PitchClass(midi: 61).value == 1) }
