import Crypto

/// One versioned change to the schema, written for each dialect side by side.
///
/// A migration is never edited once released: its SHA-256 checksum is recorded when it is
/// applied, and a database whose recorded checksum differs refuses to start.
public struct Migration: Sendable {
    /// The position of the migration; versions start at 1 and have no gaps.
    public let version: Int
    /// A short name, such as `create_instance`.
    public let name: String
    let sqlite: [String]
    let postgresql: [String]

    /// Creates a migration from its statements in each dialect.
    public init(version: Int, name: String, sqlite: [String], postgresql: [String]) {
        self.version = version
        self.name = name
        self.sqlite = sqlite
        self.postgresql = postgresql
    }

    /// The statements for a dialect, run in order in one transaction.
    func statements(for dialect: SQLDialect) -> [String] {
        switch dialect {
        case .sqlite: sqlite
        case .postgresql: postgresql
        }
    }

    /// The hex SHA-256 of the migration's name and statements in a dialect.
    func checksum(for dialect: SQLDialect) -> String {
        var hash = SHA256()
        hash.update(data: Array(name.utf8))
        for statement in statements(for: dialect) {
            hash.update(data: [0])
            hash.update(data: Array(statement.utf8))
        }
        return hexString(hash.finalize())
    }
}
