import ArgumentParser
import Foundation
import ProducerEars
import ProducerKit
import ProducerProjects

extension ProducerCommand {
    struct DemoCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "demo",
            abstract: "Write a small project of flawed files and show what Producer finds in them.",
            discussion: """
                Writes synthesised files with known faults (a clipped mix, a DC offset, a quiet \
                and hissy recording, a phase-inverted stereo file, 16-bit audio in a 24-bit file) \
                into ./producer-demo/ and prints their analysis. Run again on the same folder, it \
                replaces its own files only with --force (other files there are left alone).

                Example: producer demo --output /tmp/demo
                """)

        @Option(name: .shortAndLong, help: "The folder to write into.")
        var output = "producer-demo"

        @Flag(help: "Replace the files of an earlier demo in the folder.")
        var force = false

        @OptionGroup var format: OutputOptions

        func run() async throws {
            let demo = Demo(directory: output, replacesExisting: force)
            do {
                try demo.checkFolder()
            } catch {
                writeStandardError("producer demo: \(error)\n")
                throw ExitCode(1)
            }
            let items = try demo.writeFiles()
            let analyzer = Analyzer(showsProgress: false)
            var results: [DemoResult] = []
            if !format.json {
                print("Producer demo: \(items.count) files with known faults, a sung part and a mix, in \(output)/\n")
            }
            for item in items {
                let report = try analyzer.analyze(path: item.file)
                if format.json {
                    results.append(DemoResult(file: item.file, fault: item.fault, analysis: report))
                } else {
                    print("━━ \(item.file)\n   planted fault: \(item.fault)\n")
                    print(report.text(), terminator: "\n\n")
                }
            }

            // The sung part: listen to a take against its reference, then rank both takes and comp them.
            let sung = try demo.writeSungPart()
            let settings = ListenSettings(referencePath: sung.reference, key: sung.key, part: .vocal)
            let report = try ListenJob(takePath: sung.takes[0], settings: settings).run()
            let ranking = try TakesJob(takePaths: sung.takes, settings: settings, compPath: sung.comp, replacesExisting: force).run()
            // The console: a session file that mixes the comp with a backing track, rendered.
            let mix = try demo.writeMixSession(comp: sung.comp)
            let mixAnalysis = try analyzer.analyze(path: mix.mix)
            // The office: an album project with a band and two studios, scheduled.
            let album = try await DemoAlbum.writeProject(in: (output as NSString).appendingPathComponent("album"))
            if format.json {
                try printJSON(DemoOutput(files: results, sungPart: .init(
                    reference: sung.reference, takes: sung.takes, plantedFlaws: sung.flaws, listen: report, ranking: ranking),
                    mix: .init(session: mix.session, output: mix.mix, analysis: mixAnalysis),
                    album: .init(project: album.folder, calendar: album.calendar, schedule: album.schedule)))
            } else {
                print("━━ The sung part: \(sung.reference) (reference), \(sung.takes.joined(separator: ", "))")
                for (i, flaws) in sung.flaws.enumerated() {
                    print("   planted in take \(i + 1): " + flaws.joined(separator: "; "))
                }
                print("\n$ producer listen \(sung.takes[0]) --reference \(sung.reference) --key \"\(sung.key)\" --part vocal\n")
                print(report.text())
                print("\n$ producer takes \(sung.takes.joined(separator: " ")) --reference \(sung.reference) --comp \(sung.comp)\n")
                print(ranking.text())
                print("\n━━ The mix: \(mix.session)\n")
                print(mix.yaml)
                print("$ producer mix \(mix.session) -o \(mix.mix)\n")
                print(mixAnalysis.text())
                print("\n━━ The album: a project in \(album.folder)/ — five songs, a band, a string quartet, two studios\n")
                print("$ producer schedule --project \(album.folder)\n")
                print(album.schedule.text(timeZone: album.timeZone))
                print("\nThe bookings as a calendar: \(album.calendar). Try `producer status --project \(album.folder)`.")
            }
        }
    }
}

/// `producer demo --json`.
struct DemoOutput: Encodable {
    var files: [DemoResult]
    var sungPart: SungPartOutput
    var mix: MixOutput
    var album: AlbumOutput

    struct AlbumOutput: Encodable {
        var project: String
        var calendar: String
        var schedule: ScheduleReport
    }

    struct MixOutput: Encodable {
        var session: String
        var output: String
        var analysis: FileAnalysis
    }

    struct SungPartOutput: Encodable {
        var reference: String
        var takes: [String]
        var plantedFlaws: [[String]]
        var listen: PerformanceReport
        var ranking: TakesJob.Result
    }
}

/// One demo file in `producer demo --json`.
struct DemoResult: Encodable {
    var file: String
    var fault: String
    var analysis: FileAnalysis
}
