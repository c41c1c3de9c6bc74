/// Builds header bytes: little- and big-endian integers, four-character codes, padding.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func fourCC(_ code: String) {
        let u = Array(code.utf8)
        precondition(u.count == 4, "a four-character code")
        bytes += u
    }
    mutating func le16(_ v: UInt16) { bytes += [UInt8(v & 0xFF), UInt8(v >> 8)] }
    mutating func le32(_ v: UInt32) { for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * i))) } }
    mutating func le64(_ v: UInt64) { for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * i))) } }
    mutating func be16(_ v: UInt16) { bytes += [UInt8(v >> 8), UInt8(v & 0xFF)] }
    mutating func be32(_ v: UInt32) {
        for i in (0..<4).reversed() { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * i))) }
    }
    mutating func be64(_ v: UInt64) {
        for i in (0..<8).reversed() { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * i))) }
    }
    mutating func zeros(_ n: Int) { bytes += repeatElement(0, count: n) }
    /// Appends `text` as UTF-8 in a field of exactly `width` bytes: cut at a character boundary, NUL-padded.
    mutating func fixedText(_ text: String, width: Int) {
        var out: [UInt8] = []
        for ch in text {
            let u = Array(String(ch).utf8)
            if out.count + u.count > width { break }
            out += u
        }
        bytes += out
        zeros(width - out.count)
    }
}

/// Reading integers out of byte arrays. Out-of-range reads give 0 instead of trapping,
/// so parsers stay crash-free on hostile input (they check lengths before relying on values).
extension Array where Element == UInt8 {
    func u8(_ i: Int) -> UInt8 { i >= 0 && i < count ? self[i] : 0 }
    func le16(_ i: Int) -> UInt16 { UInt16(u8(i)) | UInt16(u8(i + 1)) << 8 }
    func le32(_ i: Int) -> UInt32 { UInt32(le16(i)) | UInt32(le16(i + 2)) << 16 }
    func le64(_ i: Int) -> UInt64 { UInt64(le32(i)) | UInt64(le32(i + 4)) << 32 }
    func be16(_ i: Int) -> UInt16 { UInt16(u8(i)) << 8 | UInt16(u8(i + 1)) }
    func be32(_ i: Int) -> UInt32 { UInt32(be16(i)) << 16 | UInt32(be16(i + 2)) }
    func be64(_ i: Int) -> UInt64 { UInt64(be32(i)) << 32 | UInt64(be32(i + 4)) }
    /// Four bytes at `i` as a code for messages: "fmt ", or hex when not printable.
    func fourCC(_ i: Int) -> String {
        let b = (0..<4).map { u8(i + $0) }
        if b.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return String(decoding: b, as: UTF8.self) }
        return "0x" + b.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
    /// Text in a fixed-width field: up to the first NUL, UTF-8 decoded leniently.
    func fixedText(_ i: Int, width: Int) -> String {
        guard i >= 0, i < count else { return "" }
        let end = Swift.min(count, i + width)
        var slice = self[i..<end]
        if let nul = slice.firstIndex(of: 0) { slice = slice[..<nul] }
        return String(decoding: slice, as: UTF8.self)
    }
}
