import Foundation
import ProducerMusic
import Yams

extension SessionParser {
    /// A MIDI track's file, `track:` and `instrument:`; the file is read (and the track and
    /// instrument chosen) when files are checked.
    func midiPart(_ midiNode: Node, _ m: [String: Node], _ key: String) throws(SessionError) -> (String, MIDIPart) {
        let file = try text(midiNode, key + ".midi")
        let resolved = file.hasPrefix("/") ? file : directory.isEmpty ? file : directory + "/" + file
        var part = MIDIPart()
        part.place = (midiNode.mark?.line, midiNode.mark?.column)
        if let n = m["track"] {
            part.trackPlace = (n.mark?.line, n.mark?.column)
            if let number = n.int {
                guard number >= 1 else { throw error(n, key + ".track", "track numbers count from 1") }
                part.selection = .number(number)
            } else {
                let name = try text(n, key + ".track")
                guard !name.isEmpty else { throw error(n, key + ".track", "give a track's name or number") }
                part.selection = .name(name)
            }
        }
        if let n = m["instrument"] {
            let word = try text(n, key + ".instrument")
            guard let instrument = Instrument(word: word) else {
                let known = Instrument.allCases.map(\.rawValue).joined(separator: ", ")
                throw error(n, key + ".instrument", "unknown instrument \"\(word)\"; the built-in ones: \(known)")
            }
            part.requestedInstrument = instrument
        }
        if checkFiles {
            if !FileManager.default.fileExists(atPath: resolved) {
                throw error(midiNode, key + ".midi", code: .track, "the MIDI file \(resolved) does not exist")
            }
            try part.load(path: resolved, sessionPath: path, key: key)
        }
        return (resolved, part)
    }
}
