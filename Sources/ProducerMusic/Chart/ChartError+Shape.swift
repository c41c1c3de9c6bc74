import ProducerFiles

extension ChartError: ProducerError {
    public var place: ErrorPlace { ErrorPlace(file: file, line: line, column: column) }
}
