import Foundation

extension StudioServer {
    /// How the server listens and what it allows.
    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        /// The largest upload taken, in bytes; a longer body is refused while it streams.
        public var maxUploadBytes: Int64
        /// Mark cookies `Secure` (browsers keep them over https, and on loopback over http).
        public var secureCookies: Bool
        /// How long a sign-in lasts.
        public var signInLifetime: TimeInterval
        /// Failed sign-ins allowed per email and per address within ``loginWindow`` before the
        /// server answers 429.
        public var loginAttempts: Int
        public var loginWindow: TimeInterval
        /// bcrypt's cost (log2 of its rounds, 4…31) for new password hashes: 12 by default, lower in
        /// tests that sign up many accounts.
        public var bcryptCost: UInt8

        public init(
            host: String = "127.0.0.1", port: Int = 8080, maxUploadBytes: Int64 = 2 << 30, secureCookies: Bool = true,
            signInLifetime: TimeInterval = 14 * 86_400, loginAttempts: Int = 5, loginWindow: TimeInterval = 900,
            bcryptCost: UInt8 = 12
        ) {
            self.host = host
            self.port = port
            self.maxUploadBytes = maxUploadBytes
            self.secureCookies = secureCookies
            self.signInLifetime = signInLifetime
            self.loginAttempts = loginAttempts
            self.loginWindow = loginWindow
            self.bcryptCost = min(max(bcryptCost, 4), 31)
        }
    }
}
