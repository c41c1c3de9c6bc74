import ProducerFiles

extension MIDIFileError: ProducerError {
    public var place: ErrorPlace { ErrorPlace(file: fileName, byteOffset: byteOffset.map(Int64.init)) }
    public var message: String { reason }
}
