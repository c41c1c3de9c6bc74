/// The beats of a take: its tempo, every beat and the first beat of each bar.
public struct BeatTrack: Sendable, Equatable {
    /// The tempo in beats per minute.
    public var tempo: Double
    /// The time of each beat, in seconds, ascending.
    public var beats: [Double]
    /// The beats that begin a bar (a subset of `beats`).
    public var downbeats: [Double]

    /// A track of `beats` at `tempo` with `downbeats`.
    public init(tempo: Double, beats: [Double], downbeats: [Double]) {
        self.tempo = tempo
        self.beats = beats
        self.downbeats = downbeats
    }
}
