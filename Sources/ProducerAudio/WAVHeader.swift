/// Builds the header a writer puts before the audio in a WAV, RF64 or BW64 file, and the
/// patches ``AudioFileWriter/finish()`` applies once the data size is known.
///
/// Layout (EBU Tech 3306): `RIFF` · `WAVE` · `JUNK` (28 bytes, the room a `ds64` needs) ·
/// `fmt ` · `bext` · `iXML` · `data`. Plain WAV keeps the `JUNK`; a file that outgrows 4 GiB,
/// or one written as RF64/BW64, gets `RF64`/`BW64` and the `JUNK` becomes `ds64`.
struct WAVHeader {
    var bytes: [UInt8]
    /// Offset of the JUNK/ds64 chunk header.
    let ds64Offset: Int64 = 12
    /// Offset of the data chunk's size field.
    var dataSizeOffset: Int64

    static let ds64BodySize = 28

    /// Whether `format` needs WAVE_FORMAT_EXTENSIBLE: more than 2 channels, more than 16 bits, or a mask.
    static func needsExtensible(_ format: AudioFormat) -> Bool {
        format.channelCount > 2 || format.encoding.bitsPerSample > 16 || format.channelMask != nil
    }

    init(format: AudioFormat, sample: SampleLayout, metadata: AudioMetadata) {
        var w = ByteWriter()
        let direct = format.container == .rf64 || format.container == .bw64
        w.fourCC(format.container == .bw64 ? "BW64" : (direct ? "RF64" : "RIFF"))
        w.le32(direct ? 0xFFFF_FFFF : 0)
        w.fourCC("WAVE")
        w.fourCC(direct ? "ds64" : "JUNK")
        w.le32(UInt32(WAVHeader.ds64BodySize))
        w.zeros(WAVHeader.ds64BodySize)

        let channels = format.channelCount
        let bps = sample.bytesPerSample
        let isFloat: Bool
        if case .float = format.encoding { isFloat = true } else { isFloat = false }
        let extensible = WAVHeader.needsExtensible(format)
        w.fourCC("fmt ")
        w.le32(extensible ? 40 : (isFloat ? 18 : 16))
        w.le16(extensible ? 0xFFFE : (isFloat ? 3 : 1))
        w.le16(UInt16(channels))
        w.le32(UInt32(format.sampleRate))
        w.le32(UInt32(truncatingIfNeeded: Int(format.sampleRate) * channels * bps))
        w.le16(UInt16(channels * bps))
        w.le16(UInt16(bps * 8))
        if extensible {
            w.le16(22)
            w.le16(UInt16(bps * 8))
            w.le32(format.channelMask ?? WAVHeader.defaultMask(channels))
            w.le16(isFloat ? 3 : 1)
            w.bytes += WAVParser.guidSuffix
        } else if isFloat {
            w.le16(0)
        }
        if let bext = metadata.broadcast {
            WAVHeader.chunk("bext", bext.chunkBody, into: &w)
        }
        if let ixml = metadata.iXML {
            WAVHeader.chunk("iXML", Array(ixml.utf8), into: &w)
        }
        w.fourCC("data")
        dataSizeOffset = Int64(w.bytes.count)
        w.le32(direct ? 0xFFFF_FFFF : 0)
        bytes = w.bytes
    }

    private static func chunk(_ id: String, _ body: [UInt8], into w: inout ByteWriter) {
        w.fourCC(id)
        w.le32(UInt32(body.count))
        w.bytes += body
        if body.count & 1 == 1 { w.bytes.append(0) }
    }

    /// The usual speaker mask for a channel count (WAVEFORMATEXTENSIBLE), 0 (unassigned) past 8.
    static func defaultMask(_ channels: Int) -> UInt32 {
        switch channels {
        case 1: return 0x4  // C
        case 2: return 0x3  // L R
        case 3: return 0x7  // L R C
        case 4: return 0x33  // L R Ls Rs (back)
        case 5: return 0x37  // L R C Ls Rs
        case 6: return 0x3F  // 5.1
        case 7: return 0x13F  // 6.1
        case 8: return 0x63F  // 7.1
        default: return 0
        }
    }

    /// The `ds64` chunk body for a finished RF64/BW64 file.
    static func ds64Body(fileSize: Int64, dataSize: Int64, frames: Int64) -> [UInt8] {
        var w = ByteWriter()
        w.le64(UInt64(fileSize - 8))
        w.le64(UInt64(dataSize))
        w.le64(UInt64(frames))
        w.le32(0)
        return w.bytes
    }
}
