/// Builds the header a writer puts before the audio in an AIFF or AIFF-C file:
/// `FORM` · (`FVER`) · `COMM` · `SSND` (offset 0, block size 0).
///
/// AIFF-C integer audio is written as `NONE` (big-endian), floats as `fl32`/`fl64`.
struct AIFFHeader {
    var bytes: [UInt8]
    /// Offset of the COMM chunk's frame count field.
    var frameCountOffset: Int64
    /// Offset of the SSND chunk's size field.
    var ssndSizeOffset: Int64

    init(format: AudioFormat, sample: SampleLayout) {
        var w = ByteWriter()
        let aifc = format.container == .aifc
        w.fourCC("FORM")
        w.be32(0)
        w.fourCC(aifc ? "AIFC" : "AIFF")
        if aifc {
            w.fourCC("FVER")
            w.be32(4)
            w.be32(0xA280_5140)  // AIFF-C version 1
        }
        var compression = ("NONE", "not compressed")
        switch sample.kind {
        case .float32: compression = ("fl32", "32-bit floating point")
        case .float64: compression = ("fl64", "64-bit floating point")
        default: break
        }
        let name = Array(compression.1.utf8)
        let pstringSize = (1 + name.count + 1) & ~1
        w.fourCC("COMM")
        w.be32(UInt32(aifc ? 22 + pstringSize : 18))
        w.be16(UInt16(format.channelCount))
        frameCountOffset = Int64(w.bytes.count)
        w.be32(0)
        w.be16(UInt16(sample.bytesPerSample * 8))
        w.bytes += Extended80.encode(format.sampleRate)
        if aifc {
            w.fourCC(compression.0)
            w.bytes.append(UInt8(name.count))
            w.bytes += name
            if (1 + name.count) & 1 == 1 { w.bytes.append(0) }
        }
        w.fourCC("SSND")
        ssndSizeOffset = Int64(w.bytes.count)
        w.be32(8)
        w.be32(0)
        w.be32(0)
        bytes = w.bytes
    }
}
