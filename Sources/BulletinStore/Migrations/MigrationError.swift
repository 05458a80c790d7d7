/// Why the schema cannot be brought up to date, in words for the operator.
public enum MigrationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An applied migration's recorded checksum differs from this binary's copy.
    case checksumMismatch(version: Int, name: String)
    /// The database has a migration this binary does not know: it is older than the schema.
    case unknownMigration(version: Int, name: String)
    /// `--no-migrate` was given and migrations are pending.
    case pending(versions: [Int])

    public var description: String {
        switch self {
        case .checksumMismatch(let version, let name):
            "migration \(version) (\(name)) was changed after it was applied; restore its original text"
        case .unknownMigration(let version, let name):
            "the database has migration \(version) (\(name)), which this binary does not know; run a newer Bulletin"
        case .pending(let versions):
            "migrations \(versions.map(String.init).joined(separator: ", ")) are pending and automatic migration is off; run `bulletin migrate up`"
        }
    }
}
