import BulletinCore
import BulletinStore
import BulletinTestSupport
import Foundation
import Testing

@Suite("Identity store")
struct IdentityRepositoryTests {
    static let ada = EmailAddress("ada@example.com")!

    static func withIdentity(
        _ dialect: SQLDialect, _ body: @Sendable (IdentityRepository, any Database) async throws -> Void
    ) async throws {
        try await TestDatabases.withDatabase(dialect) { database in
            try await Migrator().migrate(database)
            try await body(IdentityRepository(database: database), database)
        }
    }

    @Test("the setup token creates the first workspace and owner once", arguments: TestDatabases.dialects)
    func setup(dialect: SQLDialect) async throws {
        try await Self.withIdentity(dialect) { identity, database in
            #expect(try await !identity.hasUsers())
            let stale = try #require(try await identity.issueSetupToken())
            let token = try #require(try await identity.issueSetupToken())
            await #expect(throws: IdentityError.invalidSetupToken) { try await identity.checkSetupToken(stale) }
            try await identity.checkSetupToken(token)

            let membership = try await identity.completeSetup(
                token: token, workspaceName: "Acme", email: Self.ada, passwordHash: "$2b$04$hash")
            #expect(membership.role == .owner)
            #expect(membership.workspace.name == "Acme")
            #expect(membership.user.email == Self.ada)
            #expect(try await identity.hasUsers())

            await #expect(throws: IdentityError.alreadySetUp) { try await identity.checkSetupToken(token) }
            await #expect(throws: IdentityError.alreadySetUp) {
                try await identity.completeSetup(
                    token: token, workspaceName: "Again", email: EmailAddress("bob@example.com")!, passwordHash: "x")
            }
            #expect(try await identity.issueSetupToken() == nil)
            let tokens = try await database.query("SELECT token_hash FROM setup_tokens")
            #expect(tokens.isEmpty)
        }
    }

    @Test("a wrong setup token changes nothing", arguments: TestDatabases.dialects)
    func wrongToken(dialect: SQLDialect) async throws {
        try await Self.withIdentity(dialect) { identity, database in
            _ = try await identity.issueSetupToken()
            await #expect(throws: IdentityError.invalidSetupToken) {
                try await identity.completeSetup(
                    token: SecretToken(value: "guess"), workspaceName: "Acme", email: Self.ada, passwordHash: "x")
            }
            #expect(try await !identity.hasUsers())
            #expect(try await database.query("SELECT id FROM workspaces").isEmpty)
        }
    }

    @Test("users join workspaces by ID or name, and e-mail addresses are unique", arguments: TestDatabases.dialects)
    func createUsers(dialect: SQLDialect) async throws {
        try await Self.withIdentity(dialect) { identity, _ in
            let owner = try await identity.createUser(email: Self.ada, passwordHash: "x", role: .owner, workspace: "Acme")
            #expect(owner.role == .owner)
            let viewer = try await identity.createUser(
                email: EmailAddress("bob@example.com")!, passwordHash: "x", role: .viewer, workspace: owner.workspace.id)
            #expect(viewer.workspace.id == owner.workspace.id)
            let byName = try await identity.createUser(
                email: EmailAddress("cy@example.com")!, passwordHash: "x", role: .editor, workspace: "Acme")
            #expect(byName.workspace.id == owner.workspace.id)
            await #expect(throws: IdentityError.emailTaken) {
                try await identity.createUser(
                    email: EmailAddress(" ADA@example.com")!, passwordHash: "x", role: .viewer, workspace: "Acme")
            }
            await #expect(throws: IdentityError.workspaceNotFound("Elsewhere")) {
                try await identity.createUser(
                    email: EmailAddress("dee@example.com")!, passwordHash: "x", role: .viewer, workspace: "Elsewhere")
            }
        }
    }

    @Test("setup tokens are stored only as their SHA-256")
    func tokenHash() {
        let token = SecretToken(value: "abc")
        #expect(token.hash == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let made = SecretToken.make()
        #expect(made.value.count == 64)
        #expect(made != SecretToken.make())
    }
}
