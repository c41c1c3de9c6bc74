import ProducerTestSupport
import Testing

/// The linear-time check that the parsers' tests use tells linear work from quadratic work.
@Suite("the linear-time check")
struct LinearTimeCheckTests {
    @Test("linear work reads about 10×, quadratic work about 100×")
    func tellsLinearFromQuadratic() throws {
        func linear(_ n: Int) -> Int {
            var sum = 0
            for i in 0..<n * 20_000 { sum &+= i &* 31 }
            return sum
        }
        func quadratic(_ n: Int) -> Int {
            var sum = 0
            for i in 0..<n * 100 { for j in 0..<n * 100 where (i ^ j) & 1023 == 0 { sum &+= j } }
            return sum
        }
        var sink = 0
        let linearRatio = try LinearTime.ratio(small: 10, large: 100) { sink &+= linear($0) }
        let quadraticRatio = try LinearTime.ratio(small: 10, large: 100, runs: 3) { sink &+= quadratic($0) }
        #expect(linearRatio > 5 && linearRatio < 20, "linear: \(linearRatio)×")
        #expect(quadraticRatio > 50, "quadratic: \(quadraticRatio)×")
        #expect(sink != 1)
    }
}
