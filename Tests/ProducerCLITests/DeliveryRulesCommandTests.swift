import Foundation
import ProducerAudio
import ProducerOffice
import ProducerTestSupport
import Testing

/// `producer deliverables rules`: the project's delivery rules shown, changed and used on arrival.
@Suite("deliverables rules", .enabled(if: producerExecutable != nil, "the producer executable was not built"))
struct DeliveryRulesCommandTests {
    @Test("a changed rule decides the next delivery; --reset goes back; a bad value names its option")
    func rulesDecideDeliveries() async throws {
        // Given the album with the main mix of Night Trains planned for Rui Costa
        let project = try await albumProject()
        let planned = try await producer([
            "deliverables", "plan", "--song", "Night Trains", "--to", "Rui Costa", "--due", "2027-03-19", "--json",
            "--project", project,
        ])
        #expect(planned.status == 0, "\(planned.err)")
        // and a good 48 kHz, 24-bit file: 2 s of a faded tone, then 1.5 s of silence, named by the rules
        let rate = 48_000.0
        let samples = (0..<Int(3.5 * rate)).map { i -> Float in
            let t = Double(i) / rate
            return t < 2 ? Float(0.5 * sin(2 * .pi * 440 * t) * (2 - t) / 2) : 0
        }
        let dir = try temporaryDirectory()
        let file = try writeWAV(
            AudioBuffer(channels: [samples, samples]), "mara-lind_night-trains_main-mix_48k_24bit.wav", in: dir)

        // When the project takes only 96 kHz
        let set = try await producer([
            "deliverables", "rules", "--sample-rates", "96000", "--min-tail", "1", "--project", project,
        ])
        #expect(set.status == 0, "\(set.err)")
        #expect(set.out.contains("sample rate: 96000 Hz\n"))
        // Then the file is rejected for its rate (and its name, which names the rate)
        let rejected = try await producer([
            "deliverables", "receive", file, "--task", "main mix", "--project", project,
        ])
        #expect(rejected.status == 2, "\(rejected.out)\(rejected.err)")
        #expect(rejected.out.contains("sample rate 48 kHz; the project takes 96 kHz"), "\(rejected.out)")

        // When the rules go back to the built-in ones, then the same file is delivered
        #expect(try await producer(["deliverables", "rules", "--reset", "--project", project]).status == 0)
        let delivered = try await producer([
            "deliverables", "receive", file, "--task", "main mix", "--project", project,
        ])
        #expect(delivered.status == 0, "\(delivered.out)\(delivered.err)")

        // And a rule that cannot be is refused, naming its option, changing nothing
        for (arguments, message) in [
            (["--bit-depths", "20"], "--bit-depths 20: give 16, 24 or 32"),
            (["--max-peak", "3"], "--max-peak 3.0: give the highest sample peak in dBFS"),
            (["--naming", "{song}.wav"], "--naming {song}.wav: a file name with {song} and {deliverable}"),
            (["--sample-rates", "48k"], "--sample-rates 48k: give whole numbers"),
        ] {
            let r = try await producer(["deliverables", "rules"] + arguments + ["--project", project])
            #expect(r.status == 1 && r.err.contains(message), "\(r.err)")
        }
        let shown = try await producer(["deliverables", "rules", "--json", "--project", project])
        let rules = try JSONDecoder().decode(DeliveryRules.self, from: Data(shown.out.utf8))
        #expect(rules == DeliveryRules())
    }
}
