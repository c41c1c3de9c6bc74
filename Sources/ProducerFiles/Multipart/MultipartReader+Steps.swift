extension MultipartReader {
    /// Takes one step on what is pending; false when it needs more bytes.
    mutating func step(_ events: inout [Event]) throws(MultipartError) -> Bool {
        switch state {
        case .preamble:
            if let at = Self.find(delimiter, in: pending) {
                drop(at + delimiter.count)
                state = .afterBoundary
                return true
            }
            // Text before the first boundary is ignored; keep only what might start it.
            let keep = delimiter.count - 1
            if pending.count > keep { drop(pending.count - keep) }
            return false
        case .afterBoundary:
            return try afterBoundary(&events)
        case .headers:
            if pending.count >= 2, pending[0] == 13, pending[1] == 10 {
                throw MultipartError(offset: offset, "a part has no headers, so no name")
            }
            guard let end = Self.find([13, 10, 13, 10], in: pending) else {
                // (The block may end just past the limit with its blank line not yet complete.)
                if pending.count > maxHeaderBytes + 3 {
                    throw MultipartError(
                        offset: offset, "a part's headers are longer than \(maxHeaderBytes) bytes")
                }
                return false
            }
            guard end <= maxHeaderBytes else {
                throw MultipartError(offset: offset, "a part's headers are longer than \(maxHeaderBytes) bytes")
            }
            let part = try headers(Array(pending[0..<end]))
            drop(end + 4)
            events.append(.part(part))
            state = .body
            return true
        case .body:
            if let at = Self.find(delimiter, in: pending) {
                if at > 0 { events.append(.bytes(Array(pending[0..<at]))) }
                drop(at + delimiter.count)
                events.append(.partEnd)
                state = .afterBoundary
                return true
            }
            let keep = delimiter.count - 1
            if pending.count > keep {
                let count = pending.count - keep
                events.append(.bytes(Array(pending[0..<count])))
                drop(count)
            }
            return false
        case .done:
            // The epilogue is ignored.
            drop(pending.count)
            return false
        }
    }

    /// After a boundary: `--` closes the body, a line break starts a part (RFC 2046 allows
    /// spaces and tabs before it).
    mutating func afterBoundary(_ events: inout [Event]) throws(MultipartError) -> Bool {
        var index = 0
        while index < pending.count, pending[index] == 32 || pending[index] == 9 {
            index += 1
            guard index <= 64 else { throw MultipartError(offset: offset, "a boundary line does not end") }
        }
        guard pending.count >= index + 2 else { return false }
        let pair = (pending[index], pending[index + 1])
        if pair == (45, 45) {
            drop(pending.count)
            state = .done
            return false
        }
        guard pair == (13, 10) else {
            throw MultipartError(offset: offset + index, "a boundary is followed by something other than a line break")
        }
        parts += 1
        guard parts <= maxParts else {
            throw MultipartError(offset: offset, "the form has more than \(maxParts) parts")
        }
        drop(index + 2)
        state = .headers
        return true
    }

    /// The part a header block describes.
    func headers(_ bytes: [UInt8]) throws(MultipartError) -> MultipartPart {
        let text = String(decoding: bytes, as: UTF8.self)
        var name: String?
        var fileName: String?
        var contentType: String?
        for line in text.split(separator: "\r\n", omittingEmptySubsequences: true) {
            guard let colon = line.firstIndex(of: ":") else {
                throw MultipartError(offset: offset, "a part's header line has no colon")
            }
            let field = line[..<colon].trimmingSpaces().lowercased()
            let value = line[line.index(after: colon)...].trimmingSpaces()
            switch field {
            case "content-disposition":
                let parameters = Self.parameters(value)
                guard parameters.first?.key.lowercased() == "form-data" else {
                    throw MultipartError(offset: offset, "a part is not form-data")
                }
                for (key, value) in parameters.dropFirst() {
                    switch key.lowercased() {
                    case "name": name = value
                    case "filename": fileName = value
                    default: break
                    }
                }
            case "content-type":
                contentType = value
            default:
                break
            }
        }
        guard let name else { throw MultipartError(offset: offset, "a part has no name") }
        return MultipartPart(name: name, fileName: fileName, contentType: contentType)
    }

    /// `form-data; name="a"; filename="b;c.wav"` as (key, value) pairs, quotes honoured.
    static func parameters(_ text: String) -> [(key: String, value: String)] {
        var result: [(key: String, value: String)] = []
        var key = ""
        var value = ""
        var inValue = false
        var quoted = false
        var escaped = false
        func flush() {
            let trimmedKey = key.trimmingSpaces()
            if !trimmedKey.isEmpty || inValue { result.append((trimmedKey, quoted ? value : value.trimmingSpaces())) }
            key = ""
            value = ""
            inValue = false
            quoted = false
        }
        var inQuotes = false
        for character in text {
            if inQuotes {
                if escaped {
                    value.append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inQuotes = false
                } else {
                    value.append(character)
                }
                continue
            }
            switch character {
            case ";": flush()
            case "=" where !inValue: inValue = true
            case "\"" where inValue && value.trimmingSpaces().isEmpty:
                inQuotes = true
                quoted = true
                value = ""
            default:
                if inValue { value.append(character) } else { key.append(character) }
            }
        }
        flush()
        return result
    }

    /// Forgets the first `count` pending bytes.
    mutating func drop(_ count: Int) {
        pending.removeFirst(count)
        offset += count
    }

    /// Where `needle` first starts in `haystack`.
    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        let n = needle.count
        guard n > 0, haystack.count >= n else { return nil }
        return haystack.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { p in
                let first = p[0]
                var i = 0
                while i <= h.count - n {
                    if h[i] == first {
                        var j = 1
                        while j < n, h[i + j] == p[j] { j += 1 }
                        if j == n { return i }
                    }
                    i += 1
                }
                return nil
            }
        }
    }
}
