import ProducerFiles

extension MoneyError: ProducerError {
    /// An amount has no place of its own: the caller (an option, a plan's key) puts it in front.
    public var place: ErrorPlace { ErrorPlace() }
}
