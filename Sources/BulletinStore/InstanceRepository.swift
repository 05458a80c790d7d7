import BulletinCore
import Foundation

/// The installation's identity: one row created by the first node to start.
public struct InstanceRepository: Sendable {
    let database: any SQLContext

    /// Creates the repository over a database.
    public init(database: any SQLContext) {
        self.database = database
    }

    /// The installation, created with a new ID on first use; every node reads the same one.
    public func ensure(now: Date = Date()) async throws -> Instance {
        let id = RandomID.make()
        return try await database.transaction { executor in
            try await executor.query(
                """
                INSERT INTO instance (singleton, id, created_at) VALUES (1, \(id), \(now))
                ON CONFLICT (singleton) DO NOTHING
                """)
            let row = try await executor.query("SELECT id, created_at FROM instance WHERE singleton = 1")
            guard let row = row.first else { throw DatabaseError.missingColumn("instance.id") }
            return Instance(id: try row.decode("id"), createdAt: try row.decode("created_at"))
        }
    }
}

/// One Bulletin installation: the database and every node that serves it.
public struct Instance: Sendable, Equatable {
    /// A random ID made when the database was first set up.
    public let id: String
    /// When the database was first set up.
    public let createdAt: Date
}
