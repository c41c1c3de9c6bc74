extension ProcessorFactory {
    /// EQ, filter, compressor, gate and de-esser.
    static func makeDynamicsOrEQ(_ insert: Session.Insert, _ session: Session,
                                 fail: (String?, String) -> SessionError,
                                 special: inout Set<String>) throws(SessionError) -> any Processor {
        throw fail(nil, "the \(insert.kind) processor is not available yet")
    }
}
