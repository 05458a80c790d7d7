import BulletinCore
import Foundation

/// Failure counts and lockouts for password checks and refreshes, kept in the database so
/// that every node enforces the same lockout.
///
/// Every attempt is counted before the password is checked, in one transaction per attempt
/// (a row lock on PostgreSQL, the single writer on SQLite): a burst of parallel guesses
/// cannot all slip in before the first failure is recorded. A success then takes its count
/// back. Keys name what is counted: `account:<email>` (whether or not the account exists, so
/// a lockout reveals nothing) and `address:<ip>`.
public struct LoginThrottle: Sendable {
    let database: any SQLContext

    /// Creates the throttle over a database.
    public init(database: any SQLContext) {
        self.database = database
    }

    /// A key and the policy it is counted under.
    public struct Key: Sendable {
        public let name: String
        public let policy: LockoutPolicy

        public init(_ name: String, _ policy: LockoutPolicy) {
            self.name = name
            self.policy = policy
        }
    }

    /// Counts an attempt against every key, unless one is locked.
    ///
    /// - Returns: When the lockout of a locked key ends (nothing was counted), or `nil` when
    ///   the attempt may go ahead.
    public func attempt(_ keys: [Key], now: Date) async throws -> Date? {
        try await database.transaction { executor in
            var counted: [(key: Key, failures: Int)] = []
            for key in keys {
                // The row exists before it is read, so that concurrent first attempts queue on
                // its lock instead of each counting from zero.
                try await executor.query(
                    """
                    INSERT INTO login_throttle (key, failures, last_failure_at) VALUES (\(key.name), 0, \(now))
                    ON CONFLICT (key) DO NOTHING
                    """)
                let row = try await executor.query(Self.lockedRow(key.name, executor))[0]
                if let lockedUntil: Date = try row.decodeIfPresent("locked_until"), lockedUntil > now { return lockedUntil }
                let failures = key.policy.failuresStillCounted(
                    try row.decode("failures"), lastFailureAt: try row.decode("last_failure_at"), now: now)
                counted.append((key, failures + 1))
            }
            for (key, failures) in counted {
                let lockedUntil = key.policy.lockout(afterFailures: failures).map { now.addingTimeInterval($0) }
                try await executor.query(
                    """
                    UPDATE login_throttle SET failures = \(failures), last_failure_at = \(now), locked_until = \(lockedUntil)
                    WHERE key = \(key.name)
                    """)
            }
            return nil
        }
    }

    /// Takes back the count of a successful attempt: an account's failures are forgotten
    /// (and its lockout lifted); an address keeps its earlier failures.
    public func succeeded(_ keys: [Key], now: Date) async throws {
        try await database.transaction { executor in
            for key in keys {
                if key.policy.forgetsOnSuccess {
                    try await executor.query("DELETE FROM login_throttle WHERE key = \(key.name)")
                    continue
                }
                guard let row = try await executor.query(Self.lockedRow(key.name, executor)).first else { continue }
                let failures = max(0, try row.decode("failures", as: Int.self) - 1)
                let lockedUntil = key.policy.lockout(afterFailures: failures).map { now.addingTimeInterval($0) }
                try await executor.query(
                    "UPDATE login_throttle SET failures = \(failures), locked_until = \(lockedUntil) WHERE key = \(key.name)")
            }
        }
    }

    /// Reads a key's row, locking it on PostgreSQL; SQLite's single writer serialises anyway.
    private static func lockedRow(_ key: String, _ executor: any SQLExecutor) -> SQLStatement {
        var statement: SQLStatement = "SELECT failures, last_failure_at, locked_until FROM login_throttle WHERE key = \(key)"
        if executor.dialect == .postgresql { statement.append(" FOR UPDATE") }
        return statement
    }
}
