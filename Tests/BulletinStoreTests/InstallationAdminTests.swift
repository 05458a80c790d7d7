import BulletinCore
import BulletinStore
import BulletinTestSupport
import Foundation
import Testing

/// Who administers the installation: its first user, whoever made it, and nobody after.
@Suite("Installation admins")
struct InstallationAdminTests {
    /// Whether a user's access tokens act as an installation admin.
    static func isInstallationAdmin(_ userID: String, _ database: any Database, now: Date) async throws -> Bool {
        let sessions = SessionRepository(database: database)
        let session = try await sessions.start(userID: userID, workspaceID: nil, context: .commandLine, now: now)
        let principal = try #require(try await sessions.principal(sessionID: session.session.id, userID: userID, now: now))
        return principal.isInstallationAdmin
    }

    @Test("setup's owner administers the installation; later users do not", arguments: TestDatabases.dialects)
    func setup(dialect: SQLDialect) async throws {
        try await TestDatabases.withDatabase(dialect) { database in
            try await Migrator().migrate(database)
            let identity = IdentityRepository(database: database)
            let now = Date()
            let token = try #require(try await identity.issueSetupToken(now: now))
            let owner = try await identity.completeSetup(
                token: token, workspaceName: "Acme", email: EmailAddress("ada@acme.test")!, passwordHash: "x",
                context: .commandLine, now: now)
            let later = try await identity.createUser(
                email: EmailAddress("bob@acme.test")!, passwordHash: "x", role: .owner, workspace: owner.workspace.id, now: now)
            #expect(try await Self.isInstallationAdmin(owner.user.id, database, now: now))
            #expect(try await !Self.isInstallationAdmin(later.user.id, database, now: now))
        }
    }

    @Test(
        "`bulletin user create` on a new installation makes its admin; a second workspace's owner is not", arguments: TestDatabases.dialects
    )
    func commandLine(dialect: SQLDialect) async throws {
        try await TestDatabases.withDatabase(dialect) { database in
            try await Migrator().migrate(database)
            let identity = IdentityRepository(database: database)
            let now = Date()
            let first = try await identity.createUser(
                email: EmailAddress("ada@acme.test")!, passwordHash: "x", role: .owner, workspace: "Acme", now: now)
            let other = try await identity.createUser(
                email: EmailAddress("gus@globex.test")!, passwordHash: "x", role: .owner, workspace: "Globex",
                createWorkspace: true, now: now)
            #expect(try await Self.isInstallationAdmin(first.user.id, database, now: now))
            #expect(try await !Self.isInstallationAdmin(other.user.id, database, now: now))
        }
    }

    @Test("upgrading an installation makes its oldest user its admin", arguments: TestDatabases.dialects)
    func upgrade(dialect: SQLDialect) async throws {
        try await TestDatabases.withDatabase(dialect) { database in
            let before = Schema.migrations.filter { $0.version < 10 }
            try await Migrator(migrations: before).migrate(database)
            let t0 = Date(timeIntervalSince1970: 1_750_000_000)
            try await database.transaction { executor in
                try await executor.query("INSERT INTO workspaces (id, name, created_at) VALUES ('w1', 'Acme', \(t0))")
                for (id, offset) in [("u-later", 60.0), ("u-first", 0.0)] {
                    let at = t0.addingTimeInterval(offset)
                    try await executor.query(
                        """
                        INSERT INTO users (id, email, password_hash, created_at, password_changed_at)
                        VALUES (\(id), \(id + "@acme.test"), 'x', \(at), \(at))
                        """)
                    try await executor.query(
                        "INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES ('w1', \(id), 'owner', \(at))")
                }
            }
            try await Migrator().migrate(database)
            #expect(try await Self.isInstallationAdmin("u-first", database, now: t0))
            #expect(try await !Self.isInstallationAdmin("u-later", database, now: t0))
        }
    }

    @Test("an API key never acts as an installation admin")
    func apiKeys() {
        let key = Principal(
            kind: .apiKey, id: "k1", workspaceID: "w1", role: .owner, userID: "u1", sessionID: nil, isInstallationAdmin: true)
        #expect(!key.isInstallationAdmin)
    }
}
