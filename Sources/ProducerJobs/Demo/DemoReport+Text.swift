import Foundation
import ProducerConsole
import ProducerEars
import ProducerOffice

extension DemoReport {
    /// The demo as a musician reads it: each file's planted fault and what Producer found, the
    /// commands that listened, comped, mixed and scheduled, and their reports.
    public func text() -> String {
        var out = "Producer demo: \(files.count) files with known faults, a sung part and a mix, in \(folder)/\n\n"
        for item in files {
            out += "━━ \(item.file)\n   planted fault: \(item.fault)\n\n"
            out += item.analysis.text() + "\n\n"
        }
        out += "━━ The sung part: \(sungPart.reference) (reference), \(sungPart.takes.joined(separator: ", "))\n"
        for (i, flaws) in sungPart.plantedFlaws.enumerated() {
            out += "   planted in take \(i + 1): " + flaws.joined(separator: "; ") + "\n"
        }
        out +=
            "\n$ producer listen \(sungPart.takes[0]) --reference \(sungPart.reference) --key \"\(sungPart.key)\" --part vocal\n\n"
        out += sungPart.listen.text() + "\n"
        out +=
            "\n$ producer takes \(sungPart.takes.joined(separator: " ")) --reference \(sungPart.reference) --comp \(sungPart.comp)\n\n"
        out += sungPart.ranking.text() + "\n"
        out += "\n━━ The mix: \(mix.session)\n\n"
        out += mix.yaml + "\n"
        out += "$ producer mix \(mix.session) -o \(mix.output)\n\n"
        out += mix.analysis.text() + "\n"
        let stemsFolder = automix.plan.stems.first.map { ($0.file as NSString).deletingLastPathComponent } ?? ""
        out += "\n━━ The mix assistant: a band's \(automix.plan.stems.count) stems in \(stemsFolder)/\n\n"
        out +=
            "$ producer automix \(stemsFolder)/*.wav -o \(automix.session) --render \(automix.mix?.render.output ?? "")\n\n"
        out += automix.text() + "\n"
        for m in masters {
            guard let song = m.songs.first else { continue }
            out += "\n━━ Mastering for \(m.target.name)\n\n"
            out +=
                "$ producer master \(song.input) -o \(song.master) --target \(m.target.name)"
                + (m.reference.map { " --reference \($0)" } ?? "") + "\n\n"
            out += m.text + "\n"
            for w in m.warnings { out += "warning: \(w)\n" }
        }
        let right = align.mics.first?.mic ?? ""
        out += "\n━━ The overheads: \(align.reference) and \(right)\n"
        out +=
            "   planted: the right overhead \(Demo.overheadDelay) samples late "
            + "(\((Demo.overheadDelay / align.sampleRate * 1e5).rounded() / 100) ms) and polarity inverted\n\n"
        out +=
            "$ producer align \(align.reference) \(right) -o \((align.mics.first?.output as NSString?)?.deletingLastPathComponent ?? "")\n\n"
        out += align.text + "\n"
        out += "\n━━ The album: a project in \(album.project)/ — five songs, a band, a string quartet, two studios\n\n"
        out += "$ producer schedule --project \(album.project)\n\n"
        out += album.schedule.text(timeZone: album.timeZone) + "\n"
        out += "\nThe bookings as a calendar: \(album.calendar). Try `producer status --project \(album.project)`.\n"
        return out
    }
}
