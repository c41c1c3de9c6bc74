/// Builds processors from inserts as a session writes them.
public enum ProcessorFactory {
    /// The processor for `insert`, with its parameters checked.
    /// - Throws: ``SessionError`` naming the insert's line and key for an unknown or invalid parameter.
    public static func make(_ insert: Session.Insert, _ session: Session) throws(SessionError) -> any Processor {
        throw SessionError(file: session.path, line: insert.line, column: insert.column, key: insert.keyPath,
                           "the \(insert.kind) processor is not available yet")
    }
}
