import ProducerFiles

extension ScheduleInputError: ProducerError {
    /// The project as a whole: the message names the session, person or room.
    public var place: ErrorPlace { ErrorPlace() }
}
