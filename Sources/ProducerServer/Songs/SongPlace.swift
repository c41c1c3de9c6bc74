import Foundation
import Hummingbird
import ProducerOffice

/// A place in a version, as people write it and as the page shows it: `1:23`, `1:23.500` or
/// `83.5` seconds, or bar and beat `12:3` (after the colon, seconds always have two digits, a
/// beat one), and the beat grid (tempo and first downbeat) that turns one into the other.
struct SongPlace {
    /// The version's beat grid: tempo (BPM), first downbeat (seconds), beats per bar.
    struct Grid {
        var tempo: Double
        var firstDownbeat: Double
        var beatsPerBar: Int

        init?(_ analysis: VersionAnalysis?) {
            guard let analysis, let tempo = analysis.tempo, tempo > 0, tempo.isFinite,
                let first = analysis.firstDownbeatSeconds, first.isFinite
            else { return nil }
            self.tempo = tempo
            self.firstDownbeat = first
            self.beatsPerBar = max(1, analysis.beatsPerBar)
        }

        /// Beats from the first downbeat at `seconds`.
        func beats(at seconds: Double) -> Double { (seconds - firstDownbeat) * tempo / 60 }

        /// Seconds at `beats` from the first downbeat.
        func seconds(at beats: Double) -> Double { firstDownbeat + beats * 60 / tempo }

        /// `12:3` (bar 12, beat 3), `12:3.50` between beats; bar 0 is the pickup before bar 1.
        func barBeat(_ beats: Double) -> String {
            let perBar = Double(beatsPerBar)
            var rounded = (beats * 100).rounded() / 100
            if abs(rounded) < 0.005 { rounded = 0 }
            let bar = (rounded / perBar).rounded(.down)
            let beat = rounded - bar * perBar + 1
            let whole = abs(beat - beat.rounded()) < 0.005
            return whole
                ? "\(Int(bar) + 1):\(Int(beat.rounded()))" : "\(Int(bar) + 1):" + SongPlace.fixed(beat, places: 2)
        }
    }

    /// Reads `text` for `field` ("start", "end") as seconds in a version `length` seconds long.
    /// - Throws: ``ServerFailure`` (422) naming the field and what is wrong.
    static func seconds(_ text: String, field: String, length: Double, grid: Grid?) throws -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        func refuse(_ why: String) -> ServerFailure {
            ServerFailure(.unprocessableContent, "invalid", "\(field): \"\(trimmed.prefix(40))\" \(why)")
        }
        guard trimmed.utf8.count <= 40 else { throw refuse("is too long for a time") }
        let pieces = trimmed.split(separator: ":", omittingEmptySubsequences: false)
        let value: Double
        switch pieces.count {
        case 1:
            guard let seconds = Self.number(pieces[0]) else {
                throw refuse("is not a time: write 1:23, 1:23.500, 83.5 (seconds) or bar:beat like 12:3")
            }
            value = seconds
        case 2:
            let left = pieces[0]
            let right = pieces[1]
            let rightWhole = right.split(separator: ".", maxSplits: 1).first ?? ""
            guard let minutesOrBar = Int(left), minutesOrBar >= 0, minutesOrBar <= 100_000,
                let number = Self.number(right)
            else { throw refuse("is not a time: write 1:23, 1:23.500, 83.5 (seconds) or bar:beat like 12:3") }
            if rightWhole.count == 2 {
                guard number < 60 else { throw refuse("has more than 59 seconds after the colon") }
                value = Double(minutesOrBar) * 60 + number
            } else if rightWhole.count == 1 {
                guard let grid else {
                    throw refuse(
                        "is a bar and beat, but this version has no beat grid yet: give a time like 1:23 instead")
                }
                guard minutesOrBar >= 1, number >= 1, number < Double(grid.beatsPerBar) + 1 else {
                    throw refuse("is not a bar and beat: bars count from 1, beats from 1 to \(grid.beatsPerBar)")
                }
                value = grid.seconds(at: Double(minutesOrBar - 1) * Double(grid.beatsPerBar) + number - 1)
            } else {
                throw refuse("is not a time: seconds after the colon have two digits (1:05), a beat one (12:3)")
            }
        default:
            throw refuse("is not a time: write 1:23, 1:23.500, 83.5 (seconds) or bar:beat like 12:3")
        }
        guard value >= 0 else { throw refuse("is before the start of the version") }
        guard value <= length + 0.0005 else {
            throw refuse("is past the end of the version (\(Self.clock(length)))")
        }
        return min(value, length)
    }

    /// A plain decimal number (digits, one optional point), or nil.
    static func number(_ text: Substring) -> Double? {
        guard !text.isEmpty, text.utf8.count <= 20,
            text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            text.filter({ $0 == "." }).count <= 1, text.first != ".", text.last != "."
        else { return nil }
        return Double(text)
    }

    /// `1:23.000` (minutes, seconds, milliseconds).
    static func clock(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "0:00.000" }
        let total = Int((min(max(0, seconds), 1e12) * 1000).rounded())
        let (minutes, second, milli) = (total / 60_000, (total / 1000) % 60, total % 1000)
        let ms = milli < 10 ? "00\(milli)" : milli < 100 ? "0\(milli)" : "\(milli)"
        return "\(minutes):\(second < 10 ? "0" : "")\(second).\(ms)"
    }

    /// `value` with `places` (0 to 3) decimals, as `String(format: "%.2f")` writes it (but 0, not
    /// -0, for a negative value that rounds to zero), written by hand: a page of comments wrote a
    /// hundred of these, at a few microseconds each.
    static func fixed(_ value: Double, places: Int) -> String {
        let places = min(max(places, 0), 3)
        guard value.isFinite, abs(value) < 1e12 else { return String(format: "%.\(places)f", value) }
        let scale = [1, 10, 100, 1000][places]
        let scaled = Int((abs(value) * Double(scale)).rounded())
        var text = (value < 0 && scaled != 0 ? "-" : "") + String(scaled / scale)
        if places > 0 {
            let fraction = String(scaled % scale)
            text += "." + String(repeating: "0", count: places - fraction.count) + fraction
        }
        return text
    }
}
