public import ProducerAudio

/// A measurement that consumes audio block by block and gives a result at the end.
///
/// `analyze` reads a file once and feeds every block to all of its meters. A meter holds its
/// state in plain stored properties; its hot loops copy that state into locals, run over the
/// block through one unsafe buffer pointer, and write it back.
public protocol Meter {
    /// What the meter reports, in the units people read.
    associatedtype Result
    /// Consumes the `frameCount` valid frames of `block`. Blocks arrive in file order and all
    /// have the channel count the meter was made for.
    mutating func consume(_ block: AudioBuffer)
    /// The measurement over everything consumed so far.
    func result() -> Result
}
