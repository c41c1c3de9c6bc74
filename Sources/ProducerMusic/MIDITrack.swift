/// One track (`MTrk` chunk) of a Standard MIDI File.
public struct MIDITrack: Sendable, Hashable {
    /// The first track-name meta event's text, if the track has one.
    public var name: String?
    /// The events in file order, with absolute ticks.
    public var events: [MIDIEvent]
    /// The track's last tick (its end-of-track event, or its last event when that is missing).
    public var endTick: Int

    /// A track named `name` with `events` in order; `endTick` defaults to the last event's tick.
    public init(name: String?, events: [MIDIEvent], endTick: Int? = nil) {
        self.name = name
        self.events = events
        self.endTick = endTick ?? (events.last?.tick ?? 0)
    }
}
