import Foundation
import ProducerOffice

/// The sign-ins, accounts and memberships a ``StudioDatabase`` read in the last second, kept so
/// the two reads every request of a web server starts with (who is signed in, and are they on
/// this project) and the names a page shows are not read again for each request.
///
/// Every change this process makes to accounts, sign-ins or memberships drops them all at once,
/// so signing out or removing a member takes effect with the next request; a change made by
/// another process shows within ``lifetime``. Misses (no such sign-in) are never kept, and a
/// kept sign-in past its expiry is read again.
final class RecentReads: @unchecked Sendable {
    /// How long a value read from the database is used.
    static let lifetime: Duration = .seconds(1)
    /// The most values of each kind kept; when full, it starts over.
    static let capacity = 4096

    private let lock = NSLock()
    private var signIns: [String: (value: (SignInSession, Account), until: ContinuousClock.Instant)] = [:]
    private var accounts: [String: (value: Account, until: ContinuousClock.Instant)] = [:]
    private var members: [MemberKey: (value: (StudioProject, Membership), until: ContinuousClock.Instant)] = [:]
    /// Counts the drops, so a read that started before one does not keep what it read.
    private var generation = 0

    struct MemberKey: Hashable {
        let projectID: String
        let accountID: String
    }

    /// Where a read starts: what it reads may be kept only if nothing was dropped meanwhile.
    var mark: Int { lock.withLock { generation } }

    func signIn(tokenHash: String, now: Date) -> (SignInSession, Account)? {
        let clock = ContinuousClock.now
        return lock.withLock {
            guard let kept = signIns[tokenHash], kept.until > clock, kept.value.0.expiresAt > now else { return nil }
            return kept.value
        }
    }

    func keep(_ value: (SignInSession, Account), tokenHash: String, mark: Int) {
        let until = ContinuousClock.now + Self.lifetime
        lock.withLock {
            guard generation == mark else { return }
            if signIns.count >= Self.capacity { signIns.removeAll(keepingCapacity: true) }
            signIns[tokenHash] = (value, until)
        }
    }

    func account(id: String) -> Account? {
        let clock = ContinuousClock.now
        return lock.withLock {
            guard let kept = accounts[id], kept.until > clock else { return nil }
            return kept.value
        }
    }

    func keep(_ account: Account, mark: Int) {
        let until = ContinuousClock.now + Self.lifetime
        lock.withLock {
            guard generation == mark else { return }
            if accounts.count >= Self.capacity { accounts.removeAll(keepingCapacity: true) }
            accounts[account.id] = (account, until)
        }
    }

    func member(projectID: String, accountID: String) -> (StudioProject, Membership)? {
        let clock = ContinuousClock.now
        return lock.withLock {
            guard let kept = members[MemberKey(projectID: projectID, accountID: accountID)], kept.until > clock
            else { return nil }
            return kept.value
        }
    }

    func keep(_ value: (StudioProject, Membership), projectID: String, accountID: String, mark: Int) {
        let until = ContinuousClock.now + Self.lifetime
        lock.withLock {
            guard generation == mark else { return }
            if members.count >= Self.capacity { members.removeAll(keepingCapacity: true) }
            members[MemberKey(projectID: projectID, accountID: accountID)] = (value, until)
        }
    }

    /// Forgets everything kept; called once a change to accounts, sign-ins or memberships is made.
    func drop() {
        lock.withLock {
            generation &+= 1
            signIns.removeAll(keepingCapacity: true)
            accounts.removeAll(keepingCapacity: true)
            members.removeAll(keepingCapacity: true)
        }
    }
}
