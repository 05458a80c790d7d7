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
            // Another node's start issues its own token; the first stays valid.
            let other = try #require(try await identity.issueSetupToken())
            let token = try #require(try await identity.issueSetupToken())
            try await identity.checkSetupToken(other)
            try await identity.checkSetupToken(token)
            let expired = try #require(try await identity.issueSetupToken(now: Date().addingTimeInterval(-25 * 3600)))
            await #expect(throws: IdentityError.invalidSetupToken) { try await identity.checkSetupToken(expired) }
            await #expect(throws: IdentityError.invalidSetupToken) {
                try await identity.completeSetup(
                    token: expired, workspaceName: "Acme", email: Self.ada, passwordHash: "x", context: .commandLine)
            }

            let membership = try await identity.completeSetup(
                token: token, workspaceName: "Acme", email: Self.ada, passwordHash: "$2b$04$hash", context: .commandLine)
            #expect(membership.role == .owner)
            #expect(membership.workspace.name == "Acme")
            #expect(membership.user.email == Self.ada)
            #expect(try await identity.hasUsers())

            await #expect(throws: IdentityError.alreadySetUp) { try await identity.checkSetupToken(token) }
            await #expect(throws: IdentityError.alreadySetUp) {
                try await identity.completeSetup(
                    token: token, workspaceName: "Again", email: EmailAddress("bob@example.com")!, passwordHash: "x", context: .commandLine)
            }
            #expect(try await identity.issueSetupToken() == nil)
            let tokens = try await database.query("SELECT token_hash FROM setup_tokens")
            #expect(tokens.isEmpty)
            await #expect(throws: IdentityError.alreadySetUp) { try await identity.checkSetupToken(other) }
        }
    }

    @Test("a wrong setup token changes nothing", arguments: TestDatabases.dialects)
    func wrongToken(dialect: SQLDialect) async throws {
        try await Self.withIdentity(dialect) { identity, database in
            _ = try await identity.issueSetupToken()
            await #expect(throws: IdentityError.invalidSetupToken) {
                try await identity.completeSetup(
                    token: SecretToken(value: "guess"), workspaceName: "Acme", email: Self.ada, passwordHash: "x", context: .commandLine)
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
            // After the first run, a new workspace takes an explicit request.
            await #expect(throws: IdentityError.workspaceNotFound("Second")) {
                try await identity.createUser(
                    email: EmailAddress("dee@example.com")!, passwordHash: "x", role: .owner, workspace: "Second")
            }
            let twin = try await identity.createUser(
                email: EmailAddress("dee@example.com")!, passwordHash: "x", role: .owner, workspace: "Acme",
                createWorkspace: false)
            #expect(twin.workspace.id == owner.workspace.id)
            let second = try await identity.createUser(
                email: EmailAddress("eve@example.com")!, passwordHash: "x", role: .owner, workspace: "Second",
                createWorkspace: true)
            #expect(second.workspace.id != owner.workspace.id)
            // An ID always wins; a name several workspaces share is refused.
            let byID = try await identity.createUser(
                email: EmailAddress("fay@example.com")!, passwordHash: "x", role: .viewer, workspace: second.workspace.id)
            #expect(byID.workspace.id == second.workspace.id)
        }
    }

    @Test("two setups at once: exactly one succeeds, the other is told setup is over", arguments: TestDatabases.dialects)
    func concurrentSetups(dialect: SQLDialect) async throws {
        try await Self.withIdentity(dialect) { identity, database in
            let first = try #require(try await identity.issueSetupToken())
            let second = try #require(try await identity.issueSetupToken())
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                for (token, email) in [(first, "ada@example.com"), (second, "bob@example.com")] {
                    group.addTask {
                        do {
                            _ = try await identity.completeSetup(
                                token: token, workspaceName: "Acme", email: EmailAddress(email)!, passwordHash: "x", context: .commandLine)
                            return "created"
                        } catch let error as IdentityError {
                            return "\(error)"
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.sorted() == ["created", IdentityError.alreadySetUp.description])
            let users = try await database.query("SELECT id FROM users")
            #expect(users.count == 1)
        }
    }

    @Test("setup tokens are stored only as their SHA-256 and never printed")
    func tokenHash() {
        let token = SecretToken(value: "abc")
        #expect(token.hash == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let made = SecretToken.make()
        #expect(made.value.count == 64)
        #expect(made != SecretToken.make())
        #expect(!"\(made)".contains(made.value))
        #expect(!String(reflecting: made).contains(made.value))
    }
}
