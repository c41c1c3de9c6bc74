import ProducerFiles

extension MusicTextError: ProducerError {
    /// Text given on the command line or in a file's value has no place of its own: the caller
    /// (a plan's key, an option) puts it in front.
    public var place: ErrorPlace { ErrorPlace() }
    public var message: String { description }
}
