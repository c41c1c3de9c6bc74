extension FileError: ProducerError {
    public var place: ErrorPlace { ErrorPlace(file: path) }
}
