import Crypto
import Foundation
import HummingbirdBcrypt

/// Passwords as the server keeps them: bcrypt hashes, made and checked off the request's task
/// (bcrypt is slow on purpose and would hold up other requests).
///
/// bcrypt reads at most 72 bytes, so the password is first reduced to its SHA-256 (44 characters
/// of base64): every character of a long passphrase counts.
enum Passwords {
    /// The fewest characters a password may have.
    static let minimumCharacters = 10
    /// The most characters a password may have.
    static let maximumCharacters = 256

    /// Why `password` cannot be used, in words, or nil when it can.
    static func problem(with password: String) -> String? {
        let count = password.unicodeScalars.count
        if count < minimumCharacters {
            return "The password needs at least \(minimumCharacters) characters."
        }
        if count > maximumCharacters {
            return "The password may be at most \(maximumCharacters) characters long."
        }
        return nil
    }

    /// The bcrypt hash of `password` at `cost`.
    static func hash(_ password: String, cost: UInt8) async -> String {
        let text = digest(password)
        return await Task.detached(priority: .medium) { Bcrypt.hash(text, cost: cost) }.value
    }

    /// Whether `password` matches `hash`. With no account to check against, a fixed hash is checked
    /// instead, so an unknown email takes as long as a known one.
    static func verify(_ password: String, hash: String?) async -> Bool {
        let text = digest(password)
        return await Task.detached(priority: .medium) {
            guard let hash else {
                _ = Bcrypt.verify(text, hash: decoy)
                return false
            }
            return Bcrypt.verify(text, hash: hash)
        }.value
    }

    /// What bcrypt is given: the base64 of the password's SHA-256.
    static func digest(_ password: String) -> String {
        Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }

    /// A bcrypt hash (cost 12) of a random text nobody knows, checked when the email is unknown.
    private static let decoy = Bcrypt.hash(SignInAuthenticator.newToken(), cost: 12)
}
