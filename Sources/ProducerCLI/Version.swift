public enum Producer { public static let version = "0.1.0" }
