import ProducerFiles

extension ProjectStoreError: ProducerError {
    /// The database: a SQLite file's path or a PostgreSQL URL without its password.
    public var place: ErrorPlace { ErrorPlace(file: database) }
}
