import BulletinCore
import Foundation

/// Workspaces, users, memberships and the first-run setup token.
public struct IdentityRepository: Sendable {
    let database: any Database

    /// Creates the repository over a database.
    public init(database: any Database) {
        self.database = database
    }

    /// Whether any user exists: the installation is set up once one does.
    public func hasUsers() async throws -> Bool {
        try await !database.query("SELECT id FROM users LIMIT 1").isEmpty
    }

    /// Makes a new one-time setup token, replacing any earlier one, unless users exist.
    ///
    /// - Returns: The token to show the operator, or `nil` when setup is over.
    public func issueSetupToken(now: Date = Date()) async throws -> SecretToken? {
        let token = SecretToken.make()
        let hash = token.hash
        return try await database.transaction { executor in
            guard try await executor.query("SELECT id FROM users LIMIT 1").isEmpty else { return nil }
            try await executor.query("DELETE FROM setup_tokens")
            try await executor.query("INSERT INTO setup_tokens (token_hash, created_at) VALUES (\(hash), \(now))")
            return token
        }
    }

    /// Checks a setup token without using it, so that expensive work (hashing the password)
    /// happens only for callers that hold it.
    ///
    /// - Throws: ``IdentityError/alreadySetUp`` or ``IdentityError/invalidSetupToken``.
    public func checkSetupToken(_ token: SecretToken) async throws {
        let hash = token.hash
        try await database.read { executor in
            guard try await executor.query("SELECT id FROM users LIMIT 1").isEmpty else { throw IdentityError.alreadySetUp }
            guard try await !executor.query("SELECT token_hash FROM setup_tokens WHERE token_hash = \(hash)").isEmpty else {
                throw IdentityError.invalidSetupToken
            }
        }
    }

    /// Uses the setup token to create the first workspace and its owner, all or nothing.
    ///
    /// - Throws: ``IdentityError/alreadySetUp`` or ``IdentityError/invalidSetupToken``.
    public func completeSetup(
        token: SecretToken, workspaceName: String, email: EmailAddress, passwordHash: String, now: Date = Date()
    ) async throws -> Membership {
        let hash = token.hash
        return try await database.transaction { executor in
            guard try await executor.query("SELECT id FROM users LIMIT 1").isEmpty else { throw IdentityError.alreadySetUp }
            let used = try await executor.query("DELETE FROM setup_tokens WHERE token_hash = \(hash) RETURNING token_hash")
            guard !used.isEmpty else { throw IdentityError.invalidSetupToken }
            try await executor.query("DELETE FROM setup_tokens")
            let workspace = try await Self.insertWorkspace(named: workspaceName, now: now, executor)
            let user = try await Self.insertUser(email: email, passwordHash: passwordHash, now: now, executor)
            return try await Self.insertMembership(workspace: workspace, user: user, role: .owner, now: now, executor)
        }
    }

    /// Creates a user in a workspace found by ID or exact name; when none is found and the
    /// role is owner, creates the workspace too. For `bulletin user create`.
    ///
    /// - Throws: ``IdentityError/emailTaken`` or ``IdentityError/workspaceNotFound(_:)``.
    public func createUser(
        email: EmailAddress, passwordHash: String, role: Role, workspace reference: String, now: Date = Date()
    ) async throws -> Membership {
        try await database.transaction { executor in
            let found = try await executor.query(
                "SELECT id, name, created_at FROM workspaces WHERE id = \(reference) OR name = \(reference) ORDER BY created_at LIMIT 1")
            let workspace: Workspace
            if let row = found.first {
                workspace = try Self.workspace(row)
            } else if role == .owner {
                workspace = try await Self.insertWorkspace(named: reference, now: now, executor)
            } else {
                throw IdentityError.workspaceNotFound(reference)
            }
            let user = try await Self.insertUser(email: email, passwordHash: passwordHash, now: now, executor)
            try await executor.query("DELETE FROM setup_tokens")
            return try await Self.insertMembership(workspace: workspace, user: user, role: role, now: now, executor)
        }
    }

    private static func insertWorkspace(named name: String, now: Date, _ executor: any SQLExecutor) async throws -> Workspace {
        let workspace = Workspace(id: RandomID.make(), name: name, createdAt: now)
        try await executor.query(
            "INSERT INTO workspaces (id, name, created_at) VALUES (\(workspace.id), \(workspace.name), \(now))")
        return workspace
    }

    private static func insertUser(
        email: EmailAddress, passwordHash: String, now: Date, _ executor: any SQLExecutor
    ) async throws -> User {
        guard try await executor.query("SELECT id FROM users WHERE email = \(email.value)").isEmpty else {
            throw IdentityError.emailTaken
        }
        let user = User(id: RandomID.make(), email: email, createdAt: now)
        do {
            try await executor.query(
                """
                INSERT INTO users (id, email, password_hash, created_at, password_changed_at)
                VALUES (\(user.id), \(email.value), \(passwordHash), \(now), \(now))
                """)
        } catch where DatabaseFailure.isUniqueViolation(error) {
            throw IdentityError.emailTaken  // Another node inserted the same address just now.
        }
        return user
    }

    private static func insertMembership(
        workspace: Workspace, user: User, role: Role, now: Date, _ executor: any SQLExecutor
    ) async throws -> Membership {
        try await executor.query(
            """
            INSERT INTO memberships (workspace_id, user_id, role, created_at)
            VALUES (\(workspace.id), \(user.id), \(role.rawValue), \(now))
            """)
        return Membership(workspace: workspace, user: user, role: role)
    }

    private static func workspace(_ row: SQLRow) throws -> Workspace {
        Workspace(id: try row.decode("id"), name: try row.decode("name"), createdAt: try row.decode("created_at"))
    }
}
