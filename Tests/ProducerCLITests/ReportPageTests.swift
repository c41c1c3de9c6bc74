import Foundation
import ProducerAudio
import ProducerConsole
import ProducerEars
import ProducerJobs
import ProducerTestSupport
import Testing

/// The report's pages, written for a project made by the real jobs (``ReportFixture``).
@Suite("The report's pages")
struct ReportPageTests {
    static let kinds = ["waveform", "pitch", "timing", "comp", "loudness", "spectrum", "masters", "schedule"]

    /// The `data-plot` kinds on a page, in order.
    static func plots(_ html: String) -> [String] {
        html.components(separatedBy: "data-plot=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    @Test("the pages: every plot kind, the model's figures as printed, relative audio links, files in place")
    func pages() throws {
        let (project, report) = try ReportFixture.shared.get()
        let written = try ReportWriter(report, timeZone: TimeZone(identifier: "UTC")!).write(to: project + "/report")
        #expect(
            written.map { ($0 as NSString).lastPathComponent } == [
                "index.html", "song1.html", "song2.html", "report.css",
            ])
        let index = try String(contentsOfFile: project + "/report/index.html", encoding: .utf8)
        let song = try String(contentsOfFile: project + "/report/song1.html", encoding: .utf8)
        let song2 = try String(contentsOfFile: project + "/report/song2.html", encoding: .utf8)
        #expect(Self.plots(index) == ["schedule"])
        let onSong = Set(Self.plots(song))
        #expect(onSong == Set(Self.kinds).subtracting(["schedule"]), "\(onSong)")
        #expect(Self.plots(song).filter { $0 == "waveform" }.count == report.songs[0].files.count)
        #expect(
            Self.plots(song).filter { $0 == "pitch" }.count == 2
                && Self.plots(song).filter { $0 == "masters" }.count == 2)
        #expect(Self.plots(song2) == ["waveform"])
        // Every plot has a title.
        for page in [index, song, song2] {
            for svg in page.components(separatedBy: "<svg ").dropFirst() {
                let head = svg.components(separatedBy: "<title>")
                #expect(
                    head.count >= 2 && !head[0].contains("<") && !head[1].hasPrefix("</title>"), "\(svg.prefix(200))")
            }
        }
        // Figures: each as the model gives it, rounded.
        let s = report.songs[0]
        let ranking = try #require(s.parts[0].takesResult?.ranking)
        for take in ranking.takes { #expect(song.contains("\(fixed(take.score, 1)) / 100")) }
        let master = try #require(s.masters.first)
        #expect(song.contains("\(fixed(master.report.after.integrated, 1)) LUFS"))
        #expect(song.contains("\(fixed(master.report.before.loudnessRange, 1)) LU"))
        #expect(song.contains("\(fixed(master.report.after.plr, 1)) dB"))
        for p in master.report.platforms { #expect(song.contains("<td>\(fixed(p.loudness, 1)) LUFS</td>")) }
        #expect(song.contains("\(fixed(s.mix?.integratedLoudness, 1))</b><span>LUFS"))
        let judged = ranking.takes.flatMap(\.report.notes).compactMap(\.cents)
        #expect(judged.contains { abs($0) > 20 }, "the fixture's flat and sharp notes are judged")
        #expect(song.contains("cents flat") && song.contains("cents sharp"))
        #expect(song.contains("ms late"))
        // The flaws marked on the waveforms: take 2's clipping, the stems' silent endings.
        let take2 = try #require(s.files.first { $0.file.hasSuffix("take2.wav") })
        #expect(!take2.waveform.clipped.isEmpty && take2.waveform.clipped[0].start >= 3.49)
        #expect(song.contains("clipped \(formatTime(take2.waveform.clipped[0].start))"))
        #expect(s.files.first { $0.file.hasSuffix("bass.wav") }?.waveform.silent.isEmpty == false)
        // Audio from the report's folder to the project's files.
        #expect(song.contains("src=\"../out/song1/mix.wav\"") && song.contains("src=\"../out/song1/masters/cd.wav\""))
        #expect(song.contains("src=\"../takes/song1/lead-vocal/take2.wav\""))
        // The album page: songs, the retake and its cost, the plan.
        #expect(index.contains("href=\"song1.html\"") && index.contains("href=\"song2.html\""))
        #expect(index.contains("€90.00") && index.contains("1 retake to book") && index.contains("1:3–2:1"))
        #expect(index.contains("€2,400.00") && index.contains("Bass overdubs") && index.contains("Mix Paper Moon"))
        #expect(index.contains("<b>3</b><span>of 7 sessions done</span>"))
        // Names are escaped.
        #expect(!index.contains("<td>Night Trains (EP)</td>") || index.contains("Night Trains (EP)"))
    }

    @Test("a project with no songs and no plan: the album page says so; a folder in the way is named")
    func emptyAndErrors() throws {
        let dir = try temporaryDirectory()
        let report = ProduceReport(
            project: dir, title: "Empty & <New>", generated: Date(timeIntervalSince1970: 1_800_000_000), targets: [],
            reportFolder: dir + "/report", reportIndex: dir + "/report/index.html")
        let written = try ReportWriter(report).write(to: dir + "/report")
        #expect(written.map { ($0 as NSString).lastPathComponent } == ["index.html", "report.css"])
        let index = try String(contentsOfFile: written[0], encoding: .utf8)
        #expect(index.contains("<h1>Empty &amp; &lt;New&gt;</h1>"))
        #expect(index.contains("no database, so there is no plan"))
        #expect(index.contains("None: every part has a take"))
        #expect(Self.plots(index).isEmpty)
        // A file where the folder should be.
        FileManager.default.createFile(atPath: dir + "/blocked", contents: Data("x".utf8))
        #expect {
            try ReportWriter(report).write(to: dir + "/blocked/report")
        } throws: { error in
            "\(error)".contains(dir + "/blocked/report") && "\(error)".contains("cannot be made")
        }
    }

    @Test(
        "in headless Chromium: every page loads without console errors, every plot is drawn, screenshots are not blank",
        .enabled(if: BrowserCheck.chromium != nil, "needs chromium (Debian's package; .ci/run installs it)"))
    func browser() throws {
        let (project, report) = try ReportFixture.shared.get()
        let folder = project + "/report-browser"
        let written = try ReportWriter(report, timeZone: TimeZone(identifier: "UTC")!).write(to: folder)
        let html = written.filter { $0.hasSuffix(".html") }
        let shots = project + "/screenshots"
        try FileManager.default.createDirectory(atPath: shots, withIntermediateDirectories: true)
        let pages = try BrowserCheck.run(html, screenshots: shots)
        #expect(pages.count == 3)
        for page in pages {
            let name = (page.page as NSString).lastPathComponent
            #expect(page.problems.isEmpty, "\(name): \(page.problems)")
            #expect(!page.plots.isEmpty, "\(name) has no plots")
            for plot in page.plots {
                #expect(!plot.title.isEmpty, "\(name): a \(plot.kind) plot without a title")
                #expect(plot.drawn >= 3, "\(name): the \(plot.kind) plot '\(plot.title)' draws \(plot.drawn) marks")
                #expect(plot.width > 600 && plot.height > 50, "\(name): \(plot.kind) is \(plot.width)×\(plot.height)")
            }
            #expect(page.image.width == 1280 && page.image.height == 2400)
            #expect(
                page.image.ink > 0.05 && page.image.colours > 20, "\(name): the screenshot looks blank: \(page.image)")
            #expect(page.screenshotBytes > 50_000, "\(name): \(page.screenshotBytes) bytes")
            print(
                "report check: \(name): \(page.plots.count) plots, \(page.problems.count) problems, screenshot \(page.screenshotBytes) bytes, \(Int(page.image.ink * 100)) % ink, \(page.image.colours) colours"
            )
        }
        let kinds = Set(pages.flatMap { $0.plots.map(\.kind) })
        #expect(kinds == Set(Self.kinds), "\(kinds)")
        // What a person reads is the model's figure.
        let song = try #require(pages.first { $0.page.hasSuffix("song1.html") })
        let master = try #require(report.songs[0].masters.first)
        #expect(song.text.contains("\(fixed(master.report.after.integrated, 1)) LUFS"))
        #expect(song.audio.contains("../out/song1/mix.wav"))
    }
}
