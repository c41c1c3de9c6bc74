import ProducerFiles

extension ProjectPlanError: ProducerError {
    public var place: ErrorPlace { ErrorPlace(file: file, line: line, column: column, key: key) }
}
