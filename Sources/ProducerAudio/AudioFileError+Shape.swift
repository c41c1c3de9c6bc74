import ProducerFiles

extension AudioFileError: ProducerError {
    public var place: ErrorPlace { ErrorPlace(file: path, byteOffset: byteOffset) }
}
