extension AudioContainer {
    /// The container a file name's extension asks for: `.wav`/`.wave`/`.bwf` → WAV, `.rf64`,
    /// `.bw64`/`.w64` → BW64, `.aif`/`.aiff` → AIFF, `.aifc` → AIFF-C (case does not matter);
    /// nil for any other extension or none.
    public init?(pathExtensionOf path: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        switch name[name.index(after: dot)...].lowercased() {
        case "wav", "wave", "bwf": self = .wav
        case "rf64": self = .rf64
        case "w64", "bw64": self = .bw64
        case "aif", "aiff": self = .aiff
        case "aifc": self = .aifc
        default: return nil
        }
    }

    /// The container to write `path` in, from its extension.
    /// - Throws: ``AudioFileError`` `.unsupported` naming the extension and the ones Producer writes.
    public static func forOutput(_ path: String) throws -> AudioContainer {
        if let container = AudioContainer(pathExtensionOf: path) { return container }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let ext = name.lastIndex(of: ".").map { String(name[$0...]) }
        let what = ext.map { "Producer cannot write \($0) files" } ?? "the file name has no extension"
        throw AudioFileError(
            .unsupported, path: path, "\(what); name the output .wav, .aif/.aiff, .aifc, .rf64 or .bw64")
    }
}
