/// ProducerEars listens to performances: notes, timing, takes and comps.
public enum Ears {}
