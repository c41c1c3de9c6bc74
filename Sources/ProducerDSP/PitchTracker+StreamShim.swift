// TEMPORARY (replaced by the streamed tracker): the stream's interface over the batch tracker.
extension PitchTracker {
    public struct Stream: Sendable {
        let tracker: PitchTracker
        var samples: [Float] = []
        public init(_ tracker: PitchTracker) { self.tracker = tracker }
        public mutating func consume(_ samples: UnsafeBufferPointer<Float>, emit: (PitchFrame) -> Void) {
            self.samples.append(contentsOf: samples)
        }
        public mutating func finish(emit: (PitchFrame) -> Void) {
            for f in tracker.track(samples) { emit(f) }
            samples = []
        }
    }
    public func stream() -> Stream { Stream(self) }
}
