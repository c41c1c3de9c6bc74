import Foundation
import Testing

@testable import ProducerServer

@Suite struct SongPlaceTextTests {
    @Test func fixedDecimalsAreWhatStringFormatWrites() {
        var generator = SystemRandomNumberGenerator()
        var compared = 0
        for _ in 0..<20_000 {
            let value = Double.random(in: -2000...2000, using: &generator)
            let places = Int.random(in: 0...3, using: &generator)
            let scaled = abs(value) * pow(10, Double(places))
            // Halfway cases round differently (half away from zero here, to even in printf): skipped.
            guard abs(scaled - scaled.rounded(.down) - 0.5) > 1e-6 else { continue }
            // A negative value that rounds to zero is "0" here, "-0" in printf: checked below.
            guard value >= 0 || scaled.rounded() > 0 else { continue }
            #expect(SongPlace.fixed(value, places: places) == String(format: "%.\(places)f", value), "\(value)")
            compared += 1
        }
        #expect(compared > 19_000)
        #expect(SongPlace.fixed(-0.0004, places: 3) == "0.000")
        #expect(SongPlace.fixed(2.5, places: 2) == "2.50")
        #expect(SongPlace.fixed(.nan, places: 1) == String(format: "%.1f", Double.nan))
    }

    @Test func clockTextIsMinutesSecondsAndMilliseconds() {
        #expect(SongPlace.clock(83) == "1:23.000")
        #expect(SongPlace.clock(84.5) == "1:24.500")
        #expect(SongPlace.clock(3599.9996) == "60:00.000")
        #expect(SongPlace.clock(0.007) == "0:00.007")
        #expect(SongPlace.clock(-3) == "0:00.000")
        #expect(SongPlace.clock(.infinity) == "0:00.000")
    }
}
