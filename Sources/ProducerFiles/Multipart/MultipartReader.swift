/// Reads a `multipart/form-data` body as it arrives, in chunks of any size, without holding it:
/// each chunk given to ``consume(_:)`` comes back as events — a part begins (its name, file name
/// and type), bytes of its body, the part ends — so a file part can go straight to disk.
///
/// Everything it keeps is bounded: a part's headers (``maxHeaderBytes``), the number of parts
/// (``maxParts``) and the text before the first boundary; a body longer than a limit is refused
/// with a ``MultipartError`` saying so, never read further.
///
/// ```swift
/// var reader = try MultipartReader(contentType: "multipart/form-data; boundary=x")
/// for event in try reader.consume(chunk) { … }
/// try reader.finish()
/// ```
public struct MultipartReader: Sendable {
    /// One thing found in the body.
    public enum Event: Sendable, Equatable {
        /// A part begins.
        case part(MultipartPart)
        /// Bytes of the current part's body (a part's body may come in many pieces).
        case bytes([UInt8])
        /// The current part is complete.
        case partEnd
    }

    enum State: Sendable {
        case preamble, afterBoundary, headers, body, done
    }

    /// The longest header block of one part, in bytes.
    public let maxHeaderBytes: Int
    /// The most parts a body may have.
    public let maxParts: Int
    /// `CRLF--boundary`: what ends a part's body.
    let delimiter: [UInt8]
    var state = State.preamble
    /// Bytes seen but not yet decided on (at most a header block, or a delimiter's length).
    var pending: [UInt8]
    var parts = 0
    /// Bytes read so far, for the place named in errors.
    var offset = 0

    /// A reader for the body of `contentType`'s boundary.
    /// - Throws: ``MultipartError`` when the type is not `multipart/form-data` with a usable boundary.
    public init(contentType: String, maxHeaderBytes: Int = 8192, maxParts: Int = 16) throws(MultipartError) {
        try self.init(
            boundary: Self.boundary(contentType: contentType), maxHeaderBytes: maxHeaderBytes, maxParts: maxParts)
    }

    /// A reader for a body whose parts are separated by `boundary` (1…70 characters, RFC 2046).
    public init(boundary: String, maxHeaderBytes: Int = 8192, maxParts: Int = 16) throws(MultipartError) {
        guard (1...70).contains(boundary.utf8.count) else {
            throw MultipartError(offset: 0, "the boundary must be 1 to 70 characters long")
        }
        self.maxHeaderBytes = max(64, maxHeaderBytes)
        self.maxParts = max(1, maxParts)
        delimiter = Array("\r\n--\(boundary)".utf8)
        // The first boundary may start the body without a line break before it.
        pending = [13, 10]
        offset = -2
    }

    /// The boundary named in a `Content-Type` header.
    /// - Throws: ``MultipartError`` when the type is not `multipart/form-data` or has no boundary.
    public static func boundary(contentType: String) throws(MultipartError) -> String {
        let pieces = contentType.split(separator: ";").map { $0.trimmingSpaces() }
        guard let type = pieces.first, type.lowercased() == "multipart/form-data" else {
            throw MultipartError(offset: 0, "the body is not multipart/form-data")
        }
        for piece in pieces.dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingSpaces().lowercased() == "boundary" else { continue }
            var value = pair[1].trimmingSpaces()
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            guard (1...70).contains(value.utf8.count) else {
                throw MultipartError(offset: 0, "the boundary must be 1 to 70 characters long")
            }
            return value
        }
        throw MultipartError(offset: 0, "the multipart/form-data type names no boundary")
    }

    /// The events in `chunk`, given what came before it.
    /// - Throws: ``MultipartError`` at the first place the body cannot be right.
    public mutating func consume(_ chunk: some Sequence<UInt8>) throws(MultipartError) -> [Event] {
        pending.append(contentsOf: chunk)
        var events: [Event] = []
        while try step(&events) {}
        return events
    }

    /// Checks that the body ended with its closing boundary.
    /// - Throws: ``MultipartError`` when it stopped short.
    public func finish() throws(MultipartError) {
        guard case .done = state else {
            throw MultipartError(offset: offset + pending.count, "the form ends before its closing boundary")
        }
    }

    /// Whether the closing boundary has been read.
    public var isComplete: Bool {
        if case .done = state { return true }
        return false
    }
}

/// One part of a `multipart/form-data` body: its field name and, for a file, the file's name
/// as sent (text to show, never a path) and type.
public struct MultipartPart: Sendable, Hashable {
    public var name: String
    public var fileName: String?
    public var contentType: String?

    public init(name: String, fileName: String? = nil, contentType: String? = nil) {
        self.name = name
        self.fileName = fileName
        self.contentType = contentType
    }
}

/// A `multipart/form-data` body that cannot be read: the byte where, and the problem in words.
public struct MultipartError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The byte of the body where the problem is.
    public var offset: Int
    public var message: String

    public init(offset: Int, _ message: String) {
        self.offset = max(0, offset)
        self.message = message
    }

    public var description: String { "the form, byte \(offset): \(message)" }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
