import ProducerEars

/// A project's `takes/SONG/song.yaml` reader (title, key, tempo, downbeat, targets, reference, parts).
func fuzzSong(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    expectOnly(ProjectLayoutError.self, file: "fuzz/song.yaml", input: text) {
        _ = try SongSettings.parse(text, path: "fuzz/song.yaml")
    }
}
