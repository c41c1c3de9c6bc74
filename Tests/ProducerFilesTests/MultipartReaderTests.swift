import ProducerFiles
import Testing

@Suite struct MultipartReaderTests {
    static let form = Array(
        ("preamble to ignore\r\n--XyZ\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nmix\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../etc/pa;ss.wav\"\r\n"
            + "Content-Type: audio/wav\r\n\r\nRIFF\r\n--X not a boundary\r\n--XyZ--\r\nepilogue").utf8)

    /// Events with a part's bytes joined.
    static func read(_ body: [UInt8], chunk: Int, maxHeaderBytes: Int = 8192) throws -> [MultipartReader.Event] {
        var reader = try MultipartReader(
            contentType: "multipart/form-data; boundary=\"XyZ\"", maxHeaderBytes: maxHeaderBytes)
        var events: [MultipartReader.Event] = []
        var start = 0
        while start < body.count {
            let end = min(body.count, start + chunk)
            events += try reader.consume(body[start..<end])
            start = end
        }
        try reader.finish()
        var merged: [MultipartReader.Event] = []
        for event in events {
            if case .bytes(let more) = event, case .bytes(let data)? = merged.last {
                merged[merged.count - 1] = .bytes(data + more)
            } else {
                merged.append(event)
            }
        }
        return merged
    }

    @Test func readsTheFieldsAndTheFile() throws {
        let events = try Self.read(Self.form, chunk: Self.form.count)
        #expect(
            events == [
                .part(MultipartPart(name: "kind")), .bytes(Array("mix".utf8)), .partEnd,
                .part(MultipartPart(name: "file", fileName: "../../etc/pa;ss.wav", contentType: "audio/wav")),
                .bytes(Array("RIFF\r\n--X not a boundary".utf8)), .partEnd,
            ])
    }

    @Test func everyChunkSizeReadsTheSame() throws {
        let whole = try Self.read(Self.form, chunk: Self.form.count)
        for chunk in 1..<Self.form.count {
            #expect(try Self.read(Self.form, chunk: chunk) == whole, "chunks of \(chunk)")
        }
    }

    @Test func everySplitPointReadsTheSame() throws {
        for split in 1..<Self.form.count {
            var reader = try MultipartReader(boundary: "XyZ")
            let events = try reader.consume(Self.form[..<split]) + reader.consume(Self.form[split...])
            try reader.finish()
            let body = events.reduce(into: [UInt8]()) { if case .bytes(let b) = $1 { $0 += b } }
            #expect(body == Array("mixRIFF\r\n--X not a boundary".utf8), "split at \(split)")
            #expect(events.filter { $0 == .partEnd }.count == 2)
        }
    }

    @Test func headersLongerThanTheLimitAreRefused() throws {
        let long = String(repeating: "x", count: 300)
        let body = Array(
            "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Long: \(long)\r\n\r\nv\r\n--XyZ--".utf8)
        for chunk in [1, 7, body.count] {
            #expect {
                _ = try Self.read(body, chunk: chunk, maxHeaderBytes: 128)
            } throws: { error in
                "\(error)".contains("headers are longer than 128 bytes")
            }
        }
        #expect(try Self.read(body, chunk: 5, maxHeaderBytes: 1024).count == 3)
    }

    @Test func aHeaderBlockWithNoEndStopsAtTheLimit() throws {
        var reader = try MultipartReader(boundary: "XyZ", maxHeaderBytes: 100)
        _ = try reader.consume(Array("--XyZ\r\n".utf8))
        var refused: MultipartError?
        for _ in 0..<1000 {
            do {
                _ = try reader.consume(Array("Content-Type: x\r\n".utf8))
            } catch {
                refused = error
                break
            }
        }
        #expect(refused?.message == "a part's headers are longer than 100 bytes")
    }

    @Test func tooManyPartsAreRefused() throws {
        let part = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n"
        let body = Array((String(repeating: part, count: 5) + "--XyZ--").utf8)
        var reader = try MultipartReader(boundary: "XyZ", maxParts: 4)
        #expect(throws: MultipartError.self) { _ = try reader.consume(body) }
    }

    @Test func aBodyWithoutItsClosingBoundaryIsIncomplete() throws {
        var reader = try MultipartReader(boundary: "XyZ")
        _ = try reader.consume(Array("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nhalf".utf8))
        #expect {
            try reader.finish()
        } throws: { error in
            "\(error)".contains("ends before its closing boundary")
        }
    }

    @Test func theBoundaryComesFromTheContentType() throws {
        #expect(try MultipartReader.boundary(contentType: "multipart/form-data; boundary=----abc") == "----abc")
        #expect(throws: MultipartError.self) { _ = try MultipartReader.boundary(contentType: "text/plain") }
        #expect(throws: MultipartError.self) {
            _ = try MultipartReader.boundary(contentType: "multipart/form-data; charset=utf-8")
        }
    }
}
