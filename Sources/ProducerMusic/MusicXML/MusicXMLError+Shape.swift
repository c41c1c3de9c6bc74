import ProducerFiles

extension MusicXMLError: ProducerError {
    public var place: ErrorPlace { ErrorPlace(file: file) }
}
