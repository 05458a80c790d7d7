/// A named lock held until the end of the current transaction, shared by every node.
///
/// PostgreSQL runs transactions side by side, so work that must happen one node at a time
/// (migrations, the first-run writes) takes a transaction-scoped advisory lock. SQLite needs
/// none: its transactions begin `IMMEDIATE`, holding the file's single write lock.
public struct AdvisoryLock: Sendable, Hashable {
    /// The lock's number among PostgreSQL's advisory locks.
    public let key: Int64

    /// Schema migrations.
    public static let migrations = AdvisoryLock(key: 0x4275_6C6C_6574_696E)
    /// Creating workspaces and users while the installation is being set up.
    public static let identity = AdvisoryLock(key: 0x4275_6C6C_6574_6964)
    /// Appending to the event log: held from an event's insert to its commit, so event IDs
    /// are given in commit order and a reader that saw ID n never later finds a smaller one.
    public static let events = AdvisoryLock(key: 0x4275_6C6C_6574_6576)
}

extension SQLExecutor {
    /// Takes a lock until the transaction ends; waits while another transaction holds it.
    public func lock(_ lock: AdvisoryLock) async throws {
        switch dialect {
        case .postgresql: try await query("SELECT pg_advisory_xact_lock(\(lock.key))")
        case .sqlite: break
        }
    }
}
