import ProducerFiles

extension ICalendarError: ProducerError {
    public var place: ErrorPlace { ErrorPlace(file: file, line: line) }
    public var message: String { reason }
}
