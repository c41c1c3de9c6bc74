/// Reads the header of an AIFF or AIFF-C file: `COMM`, `SSND` (and `FVER`); other chunks are skipped.
///
/// AIFF-C compression types decoded: `NONE`/`none`/`twos`/`in24`/`in32` (big-endian integers),
/// `sowt`/`23ni` (little-endian integers), `fl32`/`FL32`, `fl64`/`FL64` (big-endian floats).
enum AIFFParser {
    static func parse(_ source: any ByteSource, path: String) throws -> AudioFileLayout {
        let fileSize = source.size
        let head = try source.bytes(at: 0, count: 12)
        let isAIFC = head.fourCC(8) == "AIFC"
        var end = fileSize
        let declared = Int64(head.be32(4))
        if declared >= 4, declared <= fileSize - 8 { end = declared + 8 }

        var comm: [UInt8]?
        var commOffset: Int64 = 0
        var ssndOffset: Int64 = 0
        var ssndStart: Int64?
        var ssndSize: Int64 = 0
        var pos: Int64 = 12
        while pos <= end - 8 {
            let h = try source.bytes(at: pos, count: 8)
            guard h.count == 8 else { break }
            let id = h.fourCC(0)
            let size = Int64(h.be32(4))
            let bodyStart = pos + 8
            let remaining = fileSize - bodyStart
            if size > remaining {
                if id != "SSND" && comm != nil && ssndStart != nil { break }
                throw AudioFileLimits.chunkPastEnd(id, size: size, remaining: remaining, path: path, at: pos)
            }
            switch id {
            case "COMM" where comm == nil:
                comm = try source.bytes(at: bodyStart, count: Int(min(size, 512)))
                commOffset = pos
            case "SSND" where ssndStart == nil:
                ssndStart = bodyStart
                ssndSize = size
                ssndOffset = pos
            default:
                break
            }
            pos = bodyStart + size + (size & 1)
        }

        guard let comm else {
            throw AudioFileError(.malformed, path: path, "the file has no 'COMM' chunk, so its format is unknown")
        }
        let need = isAIFC ? 22 : 18
        guard comm.count >= need else {
            throw AudioFileError(
                .malformed, path: path, byteOffset: commOffset,
                "the 'COMM' chunk is \(comm.count) bytes; it needs at least \(need)")
        }
        let channels = Int(Int16(bitPattern: comm.be16(0)))
        let frames = Int64(comm.be32(2))
        let bits = Int(Int16(bitPattern: comm.be16(6)))
        let rate = Extended80.decode(comm, at: 8)
        if channels < 0 {
            throw AudioFileError(
                .malformed, path: path, byteOffset: commOffset + 8, "the header says the file has \(channels) channels")
        }
        try AudioFileLimits.checkChannels(channels, path: path, at: commOffset + 8)
        try AudioFileLimits.checkRate(rate, path: path, at: commOffset + 16)

        var bigEndian = true
        var isFloat: Int? = nil  // bits when float
        if isAIFC {
            let compression = comm.fourCC(18)
            switch compression {
            case "NONE", "none", "twos", "in24", "in32", "raw ": break
            case "sowt", "SOWT", "23ni": bigEndian = false
            case "fl32", "FL32": isFloat = 32
            case "fl64", "FL64": isFloat = 64
            default:
                let name = comm.count > 22 ? comm.fixedText(23, width: Int(comm.u8(22))) : ""
                throw AudioFileError(
                    .unsupported, path: path, byteOffset: commOffset + 26,
                    "AIFF-C compression '\(compression)'\(name.isEmpty ? "" : " (\(name))") is not supported; convert to PCM AIFF or WAV"
                )
            }
        }
        let kind: SampleLayout.Kind
        if let floatBits = isFloat {
            kind = floatBits == 32 ? .float32 : .float64
        } else {
            switch bits {
            case 1...8: kind = .int8
            case 9...16: kind = .int16
            case 17...24: kind = .int24
            case 25...32: kind = .int32
            default:
                throw AudioFileError(
                    .malformed, path: path, byteOffset: commOffset + 14,
                    "the bit depth \(bits) is not valid for integer PCM (1…32)")
            }
        }
        let sample = SampleLayout(kind: kind, bigEndian: bigEndian)
        let blockAlign = Int64(sample.bytesPerSample * channels)

        guard let ssndStart else {
            if frames == 0 {  // AIFF allows omitting SSND when there are no frames
                return AudioFileLayout(
                    format: AudioFormat(
                        sampleRate: rate, channelCount: channels, encoding: sample.encoding,
                        container: isAIFC ? .aifc : .aiff),
                    sample: sample, dataOffset: 0, frameCount: 0, metadata: AudioMetadata())
            }
            throw AudioFileError(.malformed, path: path, "the file has no 'SSND' chunk, so it holds no audio")
        }
        guard ssndSize >= 8 else {
            throw AudioFileError(
                .malformed, path: path, byteOffset: ssndOffset,
                "the 'SSND' chunk is \(ssndSize) bytes; it needs at least 8")
        }
        let offsetBytes = try source.bytes(at: ssndStart, count: 4)
        let dataOffsetField = Int64(offsetBytes.be32(0))
        guard dataOffsetField <= ssndSize - 8 else {
            throw AudioFileError(
                .malformed, path: path, byteOffset: ssndStart,
                "the 'SSND' chunk's data offset \(dataOffsetField) runs past its own size \(ssndSize)")
        }
        let dataStart = ssndStart + 8 + dataOffsetField
        let available = ssndSize - 8 - dataOffsetField
        let needed = frames * blockAlign  // < 2^32 × 2^13: no overflow
        guard needed <= available else {
            throw AudioFileError(
                .truncated, path: path, byteOffset: ssndOffset,
                "the 'COMM' chunk says \(frames) frames (\(needed) bytes) but the 'SSND' chunk holds only \(available) bytes"
            )
        }
        let format = AudioFormat(
            sampleRate: rate, channelCount: channels, encoding: sample.encoding, container: isAIFC ? .aifc : .aiff)
        return AudioFileLayout(
            format: format, sample: sample, dataOffset: dataStart, frameCount: frames, metadata: AudioMetadata())
    }
}
