import ProducerFiles

/// The streaming multipart/form-data reader: only MultipartError may come out, within the body;
/// the same body cut into chunks of any size reads the same as whole; never more parts than its
/// limit nor more body bytes than came in.
func fuzzMultipart(_ bytes: [UInt8]) {
    guard let first = bytes.first else { return }
    let body = Array(bytes.dropFirst())
    let chunk = Int(first % 31) + 1
    func read(_ size: Int) -> (events: [MultipartReader.Event], error: MultipartError?) {
        var reader: MultipartReader
        do {
            reader = try MultipartReader(boundary: "XyZ", maxHeaderBytes: 256, maxParts: 4)
        } catch {
            fatalError("a fixed boundary is refused: \(error)")
        }
        var events: [MultipartReader.Event] = []
        do {
            var start = 0
            while start < body.count {
                let end = min(body.count, start + size)
                events += try reader.consume(body[start..<end])
                start = end
            }
            try reader.finish()
            return (merged(events), nil)
        } catch {
            guard error.offset <= body.count + 2 else { fatalError("the error points past the body: \(error)") }
            return (merged(events), error)
        }
    }
    let whole = read(max(1, body.count))
    let pieces = read(chunk)
    guard whole.error == nil ? pieces.error == nil && whole.events == pieces.events : pieces.error != nil else {
        fatalError("chunks of \(chunk) read differently from the whole body")
    }
    let parts = whole.events.filter { if case .part = $0 { return true } else { return false } }.count
    guard parts <= 4 else { fatalError("\(parts) parts came out past the limit of 4") }
    let total = whole.events.reduce(0) { count, event in
        if case .bytes(let data) = event { return count + data.count }
        return count
    }
    guard total <= body.count else { fatalError("more body bytes came out than went in") }
}

/// Events with consecutive bytes joined (chunking may split a part's body anywhere).
private func merged(_ events: [MultipartReader.Event]) -> [MultipartReader.Event] {
    var result: [MultipartReader.Event] = []
    for event in events {
        if case .bytes(let more) = event, case .bytes(let data)? = result.last {
            result[result.count - 1] = .bytes(data + more)
        } else {
            result.append(event)
        }
    }
    return result
}
