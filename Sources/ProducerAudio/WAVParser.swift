/// Reads the header of a RIFF WAVE, RF64 or BW64 file: `ds64`, `fmt `, `data`, `bext`, `iXML`.
/// Other chunks are skipped (odd sizes padded to even).
enum WAVParser {
    /// The KSDATAFORMAT_SUBTYPE GUID suffix shared by PCM and IEEE float subformats.
    static let guidSuffix: [UInt8] = [
        0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71,
    ]

    private struct DS64 {
        var riffSize: UInt64
        var dataSize: UInt64
        var table: [String: UInt64]
    }

    static func parse(_ source: any ByteSource, path: String) throws -> AudioFileLayout {
        let fileSize = source.size
        let head = try source.bytes(at: 0, count: 12)
        let container: AudioContainer
        switch head.fourCC(0) {
        case "RF64": container = .rf64
        case "BW64": container = .bw64
        default: container = .wav
        }

        var ds64: DS64?
        var pos: Int64 = 12
        var end = fileSize
        if container != .wav {
            let h = try source.bytes(at: 12, count: 8)
            guard h.count == 8 else {
                throw AudioFileError(.truncated, path: path, byteOffset: 12, "the file ends inside its header")
            }
            guard h.fourCC(0) == "ds64" else {
                throw AudioFileError(
                    .malformed, path: path, byteOffset: 12,
                    "an \(container == .rf64 ? "RF64" : "BW64") file must start with a 'ds64' chunk, but this one starts with '\(h.fourCC(0))'"
                )
            }
            let size = Int64(h.le32(4))
            guard size >= 24 else {
                throw AudioFileError(
                    .malformed, path: path, byteOffset: 12, "the 'ds64' chunk is \(size) bytes; it needs at least 24")
            }
            guard size <= fileSize - 20 else {
                throw AudioFileLimits.chunkPastEnd("ds64", size: size, remaining: fileSize - 20, path: path, at: 12)
            }
            let body = try source.bytes(at: 20, count: Int(min(size, 1 << 16)))
            var table: [String: UInt64] = [:]
            if body.count >= 28 {
                let entries = min(Int(body.le32(24)), (body.count - 28) / 12)
                for i in 0..<entries {
                    table[body.fourCC(28 + 12 * i)] = body.le64(28 + 12 * i + 4)
                }
            }
            ds64 = DS64(riffSize: body.le64(0), dataSize: body.le64(8), table: table)
            pos = 20 + size + (size & 1)
            if let declared = Int64(exactly: body.le64(0)), declared >= 4, declared <= fileSize - 8 {
                end = declared + 8
            }
        } else {
            let declared = Int64(head.le32(4))
            if declared >= 4, declared <= fileSize - 8 { end = declared + 8 }
        }

        var fmt: [UInt8]?
        var fmtOffset: Int64 = 0
        var dataStart: Int64?
        var dataSize: Int64 = 0
        var metadata = AudioMetadata()

        while pos <= end - 8 {
            let h = try source.bytes(at: pos, count: 8)
            guard h.count == 8 else { break }
            let id = h.fourCC(0)
            let size32 = h.le32(4)
            var size = Int64(size32)
            let bodyStart = pos + 8
            let remaining = fileSize - bodyStart
            if size32 == 0xFFFF_FFFF, let ds64 {
                let big = id == "data" ? ds64.dataSize : (ds64.table[id] ?? UInt64(size32))
                guard let s = Int64(exactly: big) else {
                    throw AudioFileLimits.chunkPastEnd(id, size: Int64.max, remaining: remaining, path: path, at: pos)
                }
                size = s
            }
            if id == "data" {
                if size32 == 0xFFFF_FFFF && ds64 == nil {
                    size = remaining  // a streamed WAV whose size was never filled in: the audio runs to the end
                }
                guard size <= remaining else {
                    throw AudioFileLimits.chunkPastEnd("data", size: size, remaining: remaining, path: path, at: pos)
                }
                if dataStart == nil {
                    dataStart = bodyStart
                    dataSize = size
                }
            } else if size > remaining {
                if fmt != nil && dataStart != nil { break }  // trailing garbage after the audio: ignore it
                throw AudioFileLimits.chunkPastEnd(id, size: size, remaining: remaining, path: path, at: pos)
            } else {
                switch id {
                case "fmt " where fmt == nil:
                    fmt = try source.bytes(at: bodyStart, count: Int(min(size, 64)))
                    fmtOffset = pos
                case "bext" where size <= AudioFileLimits.maxMetadataChunk:
                    metadata.broadcast = BroadcastExtension(chunk: try source.bytes(at: bodyStart, count: Int(size)))
                case "iXML" where size <= AudioFileLimits.maxMetadataChunk:
                    var text = try source.bytes(at: bodyStart, count: Int(size))
                    while let last = text.last, last == 0 { text.removeLast() }
                    metadata.iXML = String(decoding: text, as: UTF8.self)
                default:
                    break
                }
            }
            // size <= remaining here, so this cannot overflow.
            pos = bodyStart + size + (size & 1)
        }

        guard let fmt else {
            throw AudioFileError(.malformed, path: path, "the file has no 'fmt ' chunk, so its format is unknown")
        }
        guard let dataStart else {
            throw AudioFileError(.malformed, path: path, "the file has no 'data' chunk, so it holds no audio")
        }
        let (parsed, sample) = try parseFormat(fmt, path: path, at: fmtOffset)
        var format = parsed
        format.container = container
        let blockAlign = Int64(sample.bytesPerSample * format.channelCount)
        return AudioFileLayout(
            format: format, sample: sample, dataOffset: dataStart,
            frameCount: dataSize / blockAlign, metadata: metadata)
    }

    /// Interprets a `fmt ` chunk body (at file offset `offset`).
    static func parseFormat(_ b: [UInt8], path: String, at offset: Int64) throws -> (AudioFormat, SampleLayout) {
        guard b.count >= 16 else {
            throw AudioFileError(
                .malformed, path: path, byteOffset: offset, "the 'fmt ' chunk is \(b.count) bytes; it needs at least 16"
            )
        }
        let tag = b.le16(0)
        let channels = Int(b.le16(2))
        let rate = Double(b.le32(4))
        let blockAlign = Int(b.le16(12))
        let bits = Int(b.le16(14))
        var codec = tag
        var mask: UInt32?
        if tag == 0xFFFE {
            guard b.count >= 40 else {
                throw AudioFileError(
                    .malformed, path: path, byteOffset: offset,
                    "the 'fmt ' chunk says WAVE_FORMAT_EXTENSIBLE but is \(b.count) bytes; it needs 40")
            }
            mask = b.le32(20)
            codec = b.le16(24)
            guard Array(b[26..<40]) == guidSuffix else {
                throw AudioFileError(
                    .unsupported, path: path, byteOffset: offset + 32,
                    "the WAVE_FORMAT_EXTENSIBLE subformat GUID is not PCM or IEEE float (e.g. Ambisonics B-format); it is not supported"
                )
            }
        }
        let isFloat: Bool
        switch codec {
        case 0x0001: isFloat = false
        case 0x0003: isFloat = true
        default:
            throw AudioFileError(.unsupported, path: path, byteOffset: offset + 8, codecMessage(codec))
        }
        try AudioFileLimits.checkChannels(channels, path: path, at: offset + 10)
        try AudioFileLimits.checkRate(rate, path: path, at: offset + 12)
        let kind: SampleLayout.Kind
        if isFloat {
            switch bits {
            case 32: kind = .float32
            case 64: kind = .float64
            default:
                throw AudioFileError(
                    .unsupported, path: path, byteOffset: offset + 22,
                    "\(bits)-bit floating point samples are not supported (only 32 and 64)")
            }
        } else {
            switch bits {
            case 1...8: kind = .uint8
            case 9...16: kind = .int16
            case 17...24: kind = .int24
            case 25...32: kind = .int32
            default:
                throw AudioFileError(
                    .malformed, path: path, byteOffset: offset + 22,
                    "the bit depth \(bits) is not valid for integer PCM (1…32)")
            }
        }
        let sample = SampleLayout(kind: kind, bigEndian: false)
        guard blockAlign == channels * sample.bytesPerSample else {
            throw AudioFileError(
                .malformed, path: path, byteOffset: offset + 20,
                "the block align \(blockAlign) is inconsistent with \(channels) channels × \(sample.bytesPerSample) bytes per sample"
            )
        }
        let format = AudioFormat(
            sampleRate: rate, channelCount: channels, encoding: sample.encoding, container: .wav, channelMask: mask)
        return (format, sample)
    }

    /// A plain sentence for a WAV format tag Producer does not decode.
    static func codecMessage(_ tag: UInt16) -> String {
        let hex = String(tag, radix: 16, uppercase: true)
        let code = "format tag 0x" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let name: String
        switch tag {
        case 0x0002: name = "Microsoft ADPCM"
        case 0x0006: name = "A-law"
        case 0x0007: name = "µ-law"
        case 0x0011: name = "IMA ADPCM"
        case 0x0031: name = "GSM 6.10"
        case 0x0050: name = "MPEG-in-WAV"
        case 0x0055: name = "MP3-in-WAV"
        case 0x00FF, 0x1610: name = "AAC-in-WAV"
        case 0x0160, 0x0161, 0x0162, 0x0163: name = "WMA-in-WAV"
        case 0x2000: name = "AC-3-in-WAV"
        case 0xF1AC: name = "FLAC-in-WAV"
        default: name = "The audio codec"
        }
        return "\(name) (\(code)) is not supported; convert to PCM WAV"
    }
}
