/// The Broadcast Wave Format `bext` chunk (EBU Tech 3285, versions 0–2).
///
/// Text fields are stored in fixed-width fields; longer text is cut (at a character boundary)
/// when written. Loudness fields exist from version 2 on; a nil loudness field is stored as
/// 0x7FFF ("not set") and read back as nil.
public struct BroadcastExtension: Sendable, Hashable, Codable {
    /// Free description of the sound, at most 256 bytes (UTF-8; ASCII recommended).
    public var description: String
    /// Name of the originating organisation or tool, at most 32 bytes.
    public var originator: String
    /// Unambiguous reference given by the originator, at most 32 bytes.
    public var originatorReference: String
    /// Date of creation, "yyyy-mm-dd" (10 bytes).
    public var originationDate: String
    /// Time of creation, "hh:mm:ss" (8 bytes).
    public var originationTime: String
    /// Position of the first sample, in samples (frames) since midnight.
    public var timeReference: UInt64
    /// The `bext` version: 0, 1 or 2. Written as at least 2 when a loudness field is set.
    public var version: UInt16
    /// SMPTE UMID, 64 bytes (shorter arrays are zero-padded, longer ones cut, when written).
    public var umid: [UInt8]
    /// Integrated loudness, in hundredths of LUFS (e.g. -2300 for -23 LUFS). Version 2.
    public var loudnessValue: Int16?
    /// Loudness range, in hundredths of LU. Version 2.
    public var loudnessRange: Int16?
    /// Maximum true peak level, in hundredths of dBTP. Version 2.
    public var maxTruePeakLevel: Int16?
    /// Highest momentary loudness, in hundredths of LUFS. Version 2.
    public var maxMomentaryLoudness: Int16?
    /// Highest short-term loudness, in hundredths of LUFS. Version 2.
    public var maxShortTermLoudness: Int16?
    /// Coding history: lines like "A=PCM,F=48000,W=24,M=stereo,T=producer\r\n".
    public var codingHistory: String

    /// Makes a `bext` chunk; every field defaults to empty, zero or not set (version 2).
    public init(
        description: String = "", originator: String = "", originatorReference: String = "",
        originationDate: String = "", originationTime: String = "", timeReference: UInt64 = 0,
        version: UInt16 = 2, umid: [UInt8] = [UInt8](repeating: 0, count: 64),
        loudnessValue: Int16? = nil, loudnessRange: Int16? = nil, maxTruePeakLevel: Int16? = nil,
        maxMomentaryLoudness: Int16? = nil, maxShortTermLoudness: Int16? = nil, codingHistory: String = ""
    ) {
        self.description = description
        self.originator = originator
        self.originatorReference = originatorReference
        self.originationDate = originationDate
        self.originationTime = originationTime
        self.timeReference = timeReference
        self.version = version
        self.umid = umid
        self.loudnessValue = loudnessValue
        self.loudnessRange = loudnessRange
        self.maxTruePeakLevel = maxTruePeakLevel
        self.maxMomentaryLoudness = maxMomentaryLoudness
        self.maxShortTermLoudness = maxShortTermLoudness
        self.codingHistory = codingHistory
    }

    /// Size of the fixed part of the chunk, before the coding history.
    static let fixedSize = 602
    /// The value stored for a loudness field that is not set.
    static let unsetLoudness: Int16 = 0x7FFF

    /// Parses a `bext` chunk body. Never fails: a short body reads as zero-filled.
    init(chunk: [UInt8]) {
        let b = chunk
        description = b.fixedText(0, width: 256)
        originator = b.fixedText(256, width: 32)
        originatorReference = b.fixedText(288, width: 32)
        originationDate = b.fixedText(320, width: 10)
        originationTime = b.fixedText(330, width: 8)
        timeReference = b.le64(338)
        let version = b.le16(346)
        self.version = version
        umid = (0..<64).map { b.u8(348 + $0) }
        func loudness(_ i: Int) -> Int16? {
            guard version >= 2 else { return nil }
            let v = Int16(bitPattern: b.le16(i))
            return v == BroadcastExtension.unsetLoudness ? nil : v
        }
        loudnessValue = loudness(412)
        loudnessRange = loudness(414)
        maxTruePeakLevel = loudness(416)
        maxMomentaryLoudness = loudness(418)
        maxShortTermLoudness = loudness(420)
        if b.count > BroadcastExtension.fixedSize {
            var history = b[BroadcastExtension.fixedSize...]
            while let last = history.last, last == 0 { history = history.dropLast() }
            codingHistory = String(decoding: history, as: UTF8.self)
        } else {
            codingHistory = ""
        }
    }

    /// The chunk body as written (without the chunk header or pad byte).
    var chunkBody: [UInt8] {
        var w = ByteWriter()
        w.fixedText(description, width: 256)
        w.fixedText(originator, width: 32)
        w.fixedText(originatorReference, width: 32)
        w.fixedText(originationDate, width: 10)
        w.fixedText(originationTime, width: 8)
        w.le64(timeReference)
        let loud = [loudnessValue, loudnessRange, maxTruePeakLevel, maxMomentaryLoudness, maxShortTermLoudness]
        let hasLoudness = loud.contains { $0 != nil }
        w.le16(hasLoudness ? max(version, 2) : version)
        w.bytes += (0..<64).map { $0 < umid.count ? umid[$0] : 0 }
        if hasLoudness || version >= 2 {
            for v in loud { w.le16(UInt16(bitPattern: v ?? BroadcastExtension.unsetLoudness)) }
        } else {
            w.zeros(10)  // reserved before version 2
        }
        w.zeros(180)
        w.bytes += Array(codingHistory.utf8)
        return w.bytes
    }
}
