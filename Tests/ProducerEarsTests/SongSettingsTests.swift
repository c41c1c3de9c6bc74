import ProducerEars
import Testing

/// A project's `takes/SONG/song.yaml`: what it reads as, and each mistake named at its line and column.
@Suite("song.yaml")
struct SongSettingsTests {
    @Test("every key reads as written")
    func everyKeyReads() throws {
        let text = """
            title: Night Trains
            key: E minor
            tempo: 96
            downbeat: "3:1"
            targets: [spotify, cd]
            reference: refs/night.wav
            parts:
              lead-vocal: { part: vocal, role: lead vocal }
              gtr: { part: guitar }
            """
        let s = try SongSettings.parse(text, path: "takes/song1/song.yaml")
        #expect(s.title == "Night Trains")
        #expect(s.key == "E minor")
        #expect(s.tempo == 96)
        #expect(s.downbeat == "3:1")
        #expect(s.targets == ["spotify", "cd"])
        #expect(s.reference == "refs/night.wav")
        #expect(s.parts["lead-vocal"] == SongSettings.PartSettings(part: .vocal, role: "lead vocal"))
        #expect(s.parts["gtr"]?.part == .guitar)
        #expect(try SongSettings.parse("", path: "s.yaml") == SongSettings())
    }

    @Test(
        "each mistake is named at its line and column, with its key",
        arguments: [
            ("tempo: fast", 1, 8, "tempo", "between 20 and 400"),
            ("title: A\nkey: H minor", 2, 6, "key", "is not a key"),
            ("title: A\ntempi: 96", 2, 1, "tempi", "is not a key of song.yaml"),
            ("downbeat: soon", 1, 11, "downbeat", "is not a time"),
            ("reference: ../../etc/passwd", 1, 12, "reference", "inside the project"),
            ("parts:\n  bass: { part: tuba }", 2, 17, "parts.bass.part", "is not a part"),
            ("parts:\n  bass: { colour: red }", 2, 11, "parts.bass.colour", "is not a key of a part"),
            ("- a\n- b", 1, 1, nil, "must be a mapping"),
            ("title: [unclosed", 2, 1, nil, "is not closed"),
        ] as [(String, Int, Int, String?, String)])
    func mistakesAreNamed(text: String, line: Int, column: Int, key: String?, words: String) throws {
        let error = try #require(throws: ProjectLayoutError.self) {
            try SongSettings.parse(text, path: "takes/song1/song.yaml")
        }
        #expect(error.line == line, "\(error)")
        #expect(error.column == column, "\(error)")
        #expect(error.key == key, "\(error)")
        #expect(error.message.contains(words), "\(error)")
        #expect(error.description.hasPrefix("takes/song1/song.yaml:\(line):\(column): "))
    }
}
