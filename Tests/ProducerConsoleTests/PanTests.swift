import Foundation
import ProducerAudio
@testable import ProducerConsole
import Testing

@Suite struct PanTests {
    static func close(_ a: (left: Double, right: Double), _ b: (Double, Double)) -> Bool {
        abs(a.left - b.0) < 1e-12 && abs(a.right - b.1) < 1e-12
    }

    @Test func gainsAtTheEndsAndCentre() {
        let h = 0.5.squareRoot()
        let c45 = pow(2, -0.75)  // −4.515 dB
        let table: [(PanLaw, (Double, Double), (Double, Double), (Double, Double))] = [
            (.constantPower, (1, 0), (h, h), (0, 1)),
            (.minus4_5dB, (1, 0), (c45, c45), (0, 1)),
            (.linear, (1, 0), (0.5, 0.5), (0, 1)),
            (.balance, (1, 0), (1, 1), (0, 1)),
        ]
        for (law, left, centre, right) in table {
            #expect(Self.close(Pan.gains(pan: -1, law: law), left), "\(law)")
            #expect(abs(Pan.gains(pan: 0, law: law).left - centre.0) < 1e-12, "\(law)")
            #expect(abs(Pan.gains(pan: 0, law: law).right - centre.1) < 1e-12, "\(law)")
            #expect(Self.close(Pan.gains(pan: 1, law: law), right), "\(law)")
            #expect(abs(Pan.compensationAtCentre(law: law) * Pan.gains(pan: 0, law: law).left - 1) < 1e-12)
        }
        #expect(Self.close(Pan.gains(pan: 0, law: .constantPower), (h, h)))
        #expect(abs(Pan.compensationAtCentre(law: .constantPower) - 2.0.squareRoot()) < 1e-12)
        #expect(Pan.compensationAtCentre(law: .linear) == 2)
        #expect(Self.close(Pan.gains(pan: 0.5, law: .balance), (0.5, 1)))
    }

    @Test func constantPowerKeepsThePowerSum() {
        for i in 0...200 {
            let p = Double(i) / 100 - 1
            let g = Pan.gains(pan: p, law: .constantPower)
            #expect(abs(g.left * g.left + g.right * g.right - 1) < 1e-12)
            let l = Pan.gains(pan: p, law: .linear)
            #expect(abs(l.left + l.right - 1) < 1e-12)
        }
    }

    @Test func stereoCentreIsUnchangedAndHardRightSilencesLeft() {
        let x = [
            FXSignals.noise(amplitude: 0.5, frames: 1_000, seed: 1),
            FXSignals.noise(amplitude: 0.5, frames: 1_000, seed: 2),
        ]
        var centre = Pan(pan: 0)
        #expect(FXSignals.run(&centre, x) == x)
        var right = Pan(pan: 1)
        let y = FXSignals.run(&right, x)
        #expect(y[0].allSatisfy { $0 == 0 } && y[1] == x[1])
    }

    @Test func monoSourceFollowsTheLawAndCompensationRestoresTheCentre() {
        let m = FXSignals.noise(amplitude: 0.5, frames: 1_000, seed: 3)
        var p = Pan(pan: -0.5, law: .constantPower, monoSource: true)
        let y = FXSignals.run(&p, [m, m])
        let g = Pan.gains(pan: -0.5, law: .constantPower)
        for i in 0..<1_000 {
            #expect(abs(Double(y[0][i]) - g.left * Double(m[i])) < 1e-6)
            #expect(abs(Double(y[1][i]) - g.right * Double(m[i])) < 1e-6)
        }
        var compensated = Pan(pan: 0, law: .constantPower, monoSource: true, compensated: true)
        let z = FXSignals.run(&compensated, [m, m])
        for i in 0..<1_000 { #expect(abs(z[0][i] - m[i]) < 1e-6 && abs(z[1][i] - m[i]) < 1e-6) }
    }

    @Test func automatingPanDoesNotJump() {
        let x = FXSignals.sine(150, amplitude: 0.5, frames: 48_000)
        var p = Pan(pan: -1, monoSource: true)
        let y = FXSignals.run(&p, [x, x], blockSize: 64) { index, pan in
            pan.setParameter("pan", to: (index / 40) % 2 == 0 ? -1 : 1)
        }
        let own = FXSignals.maximumStep(x)
        #expect(max(FXSignals.maximumStep(y[0]), FXSignals.maximumStep(y[1])) <= own * 1.05)
    }
}
