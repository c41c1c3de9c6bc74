/// Metadata chunks a reader keeps and a writer writes (WAV family only; AIFF files carry none of these).
public struct AudioMetadata: Sendable, Hashable {
    /// The BWF `bext` chunk (EBU Tech 3285), when present.
    public var broadcast: BroadcastExtension?
    /// The `iXML` chunk's text (XML, UTF-8), when present.
    public var iXML: String?

    /// - Parameters:
    ///   - broadcast: the `bext` chunk to write, or nil for none.
    ///   - iXML: the `iXML` chunk's text, or nil for none.
    public init(broadcast: BroadcastExtension? = nil, iXML: String? = nil) {
        self.broadcast = broadcast
        self.iXML = iXML
    }
}
