import BulletinCore
import BulletinStore
import Foundation
import Synchronization

/// What authenticating a request and answering `/v1/me` read from the database, kept in
/// this process for at most ``lifetime`` so that a busy client costs no query per request.
///
/// Every `/v1` request on this node that may change identities empties it
/// (``invalidateAll()``): public operations (setup, sign-in, invitations) and those of
/// ``Permissions/identityActions`` (members, API keys, passwords, the workspace). An entry
/// read before such a request began is never stored after it: a revocation, removal
/// or role change made through this node takes effect on its very next request. Changes
/// made through another node are seen within ``lifetime``. Bounded: when full, it empties.
final class IdentityCache: Sendable {
    /// How long an entry is trusted.
    static let lifetime: TimeInterval = 1
    static let capacity = 10_000

    private struct Entry<Value: Sendable>: Sendable {
        let value: Value
        let storedAt: Date
    }

    private struct State: Sendable {
        var generation: UInt64 = 0
        var principals: [String: Entry<Principal>] = [:]
        var accounts: [String: Entry<Account>] = [:]
    }

    private let state = Mutex(State())

    /// The principal for a credential, read through the cache.
    func principal(for key: String, now: Date, load: () async throws -> Principal?) async rethrows -> Principal? {
        let (cached, generation) = state.withLock { state in
            (state.principals[key].flatMap { fresh($0, now) }, state.generation)
        }
        if let cached { return cached }
        guard let loaded = try await load() else { return nil }
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.principals.count >= Self.capacity { state.principals.removeAll(keepingCapacity: true) }
            state.principals[key] = Entry(value: loaded, storedAt: now)
        }
        return loaded
    }

    /// A user's account, read through the cache.
    func account(userID: String, now: Date, load: () async throws -> Account?) async rethrows -> Account? {
        let (cached, generation) = state.withLock { state in
            (state.accounts[userID].flatMap { fresh($0, now) }, state.generation)
        }
        if let cached { return cached }
        guard let loaded = try await load() else { return nil }
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.accounts.count >= Self.capacity { state.accounts.removeAll(keepingCapacity: true) }
            state.accounts[userID] = Entry(value: loaded, storedAt: now)
        }
        return loaded
    }

    /// Forgets everything; loads already under way will not store what they read.
    func invalidateAll() {
        state.withLock { state in
            state.generation &+= 1
            state.principals.removeAll(keepingCapacity: true)
            state.accounts.removeAll(keepingCapacity: true)
        }
    }

    private func fresh<Value>(_ entry: Entry<Value>, _ now: Date) -> Value? {
        let age = now.timeIntervalSince(entry.storedAt)
        return age >= 0 && age < Self.lifetime ? entry.value : nil
    }
}
