import Foundation

/// A person's account on the studio server: email (lowercased, unique), name and bcrypt hash.
public struct Account: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var email: String
    public var name: String
    /// The bcrypt hash of the password (never the password).
    public var passwordHash: String
    public var createdAt: Date
    /// Activity before this time is read in the notifications feed.
    public var notificationsSeenAt: Date?

    public init(
        id: String = Identifier.secret(), email: String, name: String, passwordHash: String, createdAt: Date,
        notificationsSeenAt: Date? = nil
    ) {
        self.id = id
        self.email = email
        self.name = name
        self.passwordHash = passwordHash
        self.createdAt = createdAt
        self.notificationsSeenAt = notificationsSeenAt
    }
}

/// A signed-in browser or API client: the SHA-256 of its token (the token itself is only in the
/// cookie or the `Authorization: Bearer` header), its account and expiry.
public struct SignInSession: Hashable, Sendable, Codable {
    /// Lowercase hex SHA-256 of the session token.
    public var tokenHash: String
    public var accountID: String
    public var createdAt: Date
    public var expiresAt: Date

    public init(tokenHash: String, accountID: String, createdAt: Date, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.accountID = accountID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

extension Identifier {
    /// An identifier that cannot be guessed: 128 random bits as 26 lowercase base-32 characters.
    public static func secret() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")
        var high = generator.next() as UInt64
        var low = generator.next() as UInt64
        var characters: [Character] = []
        for index in 0..<26 {
            // 5 bits at a time from the 128 (the last character carries 3).
            let value: UInt64
            if index < 12 {
                value = high & 31
                high >>= 5
            } else if index == 12 {
                value = (high & 15) | ((low & 1) << 4)
                low >>= 1
            } else {
                value = low & 31
                low >>= 5
            }
            characters.append(alphabet[Int(value)])
        }
        return String(characters)
    }
}
