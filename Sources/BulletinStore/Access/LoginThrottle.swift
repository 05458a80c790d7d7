import BulletinCore
import Foundation

/// Failure counts and lockouts for sign-in and refresh, kept in the database so that every
/// node enforces the same lockout.
///
/// Keys name what is counted: `account:<email>` (whether or not the account exists, so a
/// lockout reveals nothing) and `address:<ip>`.
public struct LoginThrottle: Sendable {
    let database: any Database

    /// Creates the throttle over a database.
    public init(database: any Database) {
        self.database = database
    }

    /// When the latest lockout among `keys` ends, or `nil` when none is locked.
    public func lockedUntil(_ keys: [String], now: Date) async throws -> Date? {
        var latest: Date?
        for key in keys {
            let rows = try await database.query(
                "SELECT locked_until FROM login_throttle WHERE key = \(key) AND locked_until > \(now)")
            if let until: Date = try rows.first?.decodeIfPresent("locked_until") {
                latest = max(latest ?? until, until)
            }
        }
        return latest
    }

    /// Counts a failure against each key under its policy.
    ///
    /// - Returns: When the latest lockout this failure started ends, if it started one.
    @discardableResult
    public func recordFailure(_ keys: [(key: String, policy: LockoutPolicy)], now: Date) async throws -> Date? {
        try await database.transaction { executor in
            var latest: Date?
            for (key, policy) in keys {
                let rows = try await executor.query(
                    "SELECT failures, last_failure_at FROM login_throttle WHERE key = \(key)")
                let previous = try rows.first.map {
                    policy.failuresStillCounted(
                        try $0.decode("failures"), lastFailureAt: try $0.decode("last_failure_at"), now: now)
                } ?? 0
                let failures = previous + 1
                let lockedUntil = policy.lockout(afterFailures: failures).map { now.addingTimeInterval($0) }
                if let lockedUntil { latest = max(latest ?? lockedUntil, lockedUntil) }
                try await executor.query(
                    """
                    INSERT INTO login_throttle (key, failures, last_failure_at, locked_until)
                    VALUES (\(key), \(failures), \(now), \(lockedUntil))
                    ON CONFLICT (key) DO UPDATE SET failures = \(failures), last_failure_at = \(now),
                        locked_until = \(lockedUntil)
                    """)
            }
            return latest
        }
    }

    /// Forgets a key's failures after a success.
    public func clear(_ key: String) async throws {
        try await database.transaction { try await $0.query("DELETE FROM login_throttle WHERE key = \(key)") }
    }
}
