/// A command's problem in one sentence that names the thing at fault.
public struct OfficeError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
