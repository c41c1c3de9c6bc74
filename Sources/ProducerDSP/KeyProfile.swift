/// Key profiles: how strongly each pitch class belongs to a key whose tonic is C.
public enum KeyProfile: Sendable, Equatable {
    /// Krumhansl & Kessler's probe-tone ratings (1982).
    case krumhanslKessler
    /// Temperley's revised profiles (1999/2001).
    case temperley

    /// The major profile, index 0 = the tonic.
    public var major: [Double] {
        switch self {
        case .krumhanslKessler: [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88]
        case .temperley: [5.0, 2.0, 3.5, 2.0, 4.5, 4.0, 2.0, 4.5, 2.0, 3.5, 1.5, 4.0]
        }
    }

    /// The minor profile, index 0 = the tonic.
    public var minor: [Double] {
        switch self {
        case .krumhanslKessler: [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17]
        case .temperley: [5.0, 2.0, 3.5, 4.5, 2.0, 4.0, 2.0, 4.5, 3.5, 2.0, 1.5, 4.0]
        }
    }
}
