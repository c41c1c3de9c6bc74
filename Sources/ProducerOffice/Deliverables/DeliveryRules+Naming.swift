import Foundation

extension DeliveryRules {
    /// What the name of one delivered file is filled in with.
    public struct NameParts: Hashable, Sendable, Codable {
        /// The artist (or the project, when it has no artist).
        public var artist: String
        /// The song's title (or the task's, for a task without a song).
        public var song: String
        /// The deliverable: `main mix`, `stems`…
        public var deliverable: String
        /// True for a stem: `{deliverable}` is then `stem-` and the stem's own word.
        public var isStem: Bool

        public init(artist: String, song: String, deliverable: String, isStem: Bool = false) {
            self.artist = artist
            self.song = song
            self.deliverable = deliverable
            self.isStem = isStem
        }

        /// The parts for a task of `project`.
        public init(task: ProjectTask, in project: ProjectSnapshot) {
            let artist = project.people.first { $0.plays(.artist) }?.name ?? project.settings.name
            let song = task.songID.flatMap { id in project.songs.first { $0.id == id }?.title } ?? task.title
            self.init(
                artist: artist, song: song, deliverable: task.deliverable?.rawValue ?? task.title,
                isStem: task.deliverable == .stems)
        }
    }

    /// A name as files are named: lower case, words joined by hyphens (`Slow Signal` → `slow-signal`).
    public static func slug(_ text: String) -> String {
        let words = text.lowercased().split { !($0.isLetter || $0.isNumber) }
        return words.joined(separator: "-")
    }

    /// `48k`, `44.1k`, `96k`.
    public static func rateWord(_ sampleRate: Double) -> String {
        let k = sampleRate / 1000
        return (k == k.rounded() ? String(Int(k)) : String(format: "%.1f", k)) + "k"
    }

    /// The name a file must have, with `{deliverable}` of a stem shown as `stem-PART`.
    ///
    /// The rate and bit depth are the file's own when the rules accept them, else the first the
    /// rules accept.
    public func expectedName(_ parts: NameParts, sampleRate: Double, bits: Int) -> String {
        fill(parts, sampleRate: sampleRate, bits: bits, deliverable: parts.isStem ? "stem-PART" : nil)
    }

    /// True when `fileName` is the name these rules give the file (letter case aside); a stem's
    /// `stem-` may be followed by any word naming the part (`stem-drums`).
    public func nameMatches(_ fileName: String, _ parts: NameParts, sampleRate: Double, bits: Int) -> Bool {
        let name = fileName.lowercased()
        guard parts.isStem else {
            return name == fill(parts, sampleRate: sampleRate, bits: bits, deliverable: nil).lowercased()
        }
        let marker = "\u{1}"
        let filled = fill(parts, sampleRate: sampleRate, bits: bits, deliverable: marker).lowercased()
        guard let range = filled.range(of: marker) else {
            return name == filled
        }
        let prefix = String(filled[..<range.lowerBound]) + "stem-"
        let suffix = String(filled[range.upperBound...])
        guard name.count > prefix.count + suffix.count, name.hasPrefix(prefix), name.hasSuffix(suffix) else {
            return false
        }
        let part = name.dropFirst(prefix.count).dropLast(suffix.count)
        return part.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
    }

    private func fill(_ parts: NameParts, sampleRate: Double, bits: Int, deliverable: String?) -> String {
        let rate = sampleRates.contains(Int(sampleRate.rounded())) ? sampleRate : Double(sampleRates.first ?? 48_000)
        let depth = bitDepths.contains(bits) ? bits : (bitDepths.first ?? 24)
        return
            naming
            .replacingOccurrences(of: "{artist}", with: Self.slug(parts.artist))
            .replacingOccurrences(of: "{song}", with: Self.slug(parts.song))
            .replacingOccurrences(of: "{deliverable}", with: deliverable ?? Self.slug(parts.deliverable))
            .replacingOccurrences(of: "{rate}", with: Self.rateWord(rate))
            .replacingOccurrences(of: "{bits}", with: "\(depth)bit")
    }
}
