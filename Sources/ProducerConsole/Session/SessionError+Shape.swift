import ProducerFiles

extension SessionError: ProducerError {
    public var place: ErrorPlace { ErrorPlace(file: file, line: line, column: column, key: key) }
}
