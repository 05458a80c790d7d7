import BulletinCore
import Foundation

/// Workspaces, users, memberships and the first-run setup tokens.
///
/// Writes that depend on whether users exist yet run under ``AdvisoryLock/identity``, so
/// that on PostgreSQL two setups (or a setup and `bulletin user create`) cannot both see an
/// empty installation.
public struct IdentityRepository: Sendable {
    let database: any SQLContext

    /// How long a setup token stays valid. Every start on an installation without users
    /// issues one; earlier ones stay valid until they expire or setup completes.
    public static let setupTokenLifetime: Duration = .seconds(24 * 60 * 60)

    /// Creates the repository over a database.
    public init(database: any SQLContext) {
        self.database = database
    }

    /// Whether any user exists: the installation is set up once one does.
    public func hasUsers() async throws -> Bool {
        try await database.read { try await Self.hasUsers($0) }
    }

    /// Makes a new setup token unless users exist, and forgets expired ones.
    ///
    /// - Returns: The token to show the operator, or `nil` when setup is over.
    public func issueSetupToken(now: Date = Date()) async throws -> SecretToken? {
        let token = SecretToken.make()
        let hash = token.hash
        let expired = Self.oldestValidSetupToken(now: now)
        return try await database.transaction { executor in
            try await executor.lock(.identity)
            guard try await !Self.hasUsers(executor) else { return nil }
            try await executor.query("DELETE FROM setup_tokens WHERE created_at < \(expired)")
            try await executor.query("INSERT INTO setup_tokens (token_hash, created_at) VALUES (\(hash), \(now))")
            return token
        }
    }

    /// Checks a setup token without using it, so that expensive work (hashing the password)
    /// happens only for callers that hold it.
    ///
    /// - Throws: ``IdentityError/alreadySetUp`` or ``IdentityError/invalidSetupToken``.
    public func checkSetupToken(_ token: SecretToken, now: Date = Date()) async throws {
        let hash = token.hash
        let oldest = Self.oldestValidSetupToken(now: now)
        try await database.read { executor in
            guard try await !Self.hasUsers(executor) else { throw IdentityError.alreadySetUp }
            let found = try await executor.query(
                "SELECT token_hash FROM setup_tokens WHERE token_hash = \(hash) AND created_at >= \(oldest)")
            guard !found.isEmpty else {
                throw IdentityError.invalidSetupToken
            }
        }
    }

    /// Uses the setup token to create the first workspace and its owner, all or nothing. The
    /// owner is the installation's admin (``Principal/isInstallationAdmin``).
    ///
    /// - Throws: ``IdentityError/alreadySetUp`` or ``IdentityError/invalidSetupToken``.
    public func completeSetup(
        token: SecretToken, workspaceName: String, email: EmailAddress, passwordHash: String, context: AuditContext,
        now: Date = Date()
    ) async throws -> Membership {
        let hash = token.hash
        let oldest = Self.oldestValidSetupToken(now: now)
        return try await database.transaction { executor in
            try await executor.lock(.identity)
            guard try await !Self.hasUsers(executor) else { throw IdentityError.alreadySetUp }
            let used = try await executor.query(
                "DELETE FROM setup_tokens WHERE token_hash = \(hash) AND created_at >= \(oldest) RETURNING token_hash")
            guard !used.isEmpty else { throw IdentityError.invalidSetupToken }
            try await executor.query("DELETE FROM setup_tokens")
            let workspace = try await Self.insertWorkspace(named: workspaceName, now: now, executor)
            let user = try await Self.insertUser(
                email: email, passwordHash: passwordHash, installationAdmin: true, now: now, executor)
            try await AuditLog(database: executor).append(
                workspaceID: workspace.id, action: "workspace.setup", targetType: "workspace", targetID: workspace.id,
                summary: ["name": workspace.name, "owner": email.value],
                context: context.acting(as: Principal.Kind.user.rawValue, id: user.id), now: now)
            return try await Self.insertMembership(workspace: workspace, user: user, role: .owner, now: now, executor)
        }
    }

    /// Creates a user in a workspace given by ID, or by a name exactly one workspace has. When
    /// none matches, the workspace is created for an owner if the installation has none yet
    /// (first run) or `createWorkspace` says so. The installation's first user is its admin
    /// (``Principal/isInstallationAdmin``). For `bulletin user create`.
    ///
    /// - Throws: ``IdentityError/emailTaken``, ``IdentityError/workspaceNotFound(_:)`` or
    ///   ``IdentityError/ambiguousWorkspace(_:)``.
    public func createUser(
        email: EmailAddress, passwordHash: String, role: Role, workspace reference: String,
        createWorkspace: Bool = false, now: Date = Date()
    ) async throws -> Membership {
        try await database.transaction { executor in
            try await executor.lock(.identity)
            let workspace: Workspace
            let isFirstRun = try await executor.query("SELECT id FROM workspaces LIMIT 1").isEmpty
            let isFirstUser = try await !Self.hasUsers(executor)
            if let found = try await Self.findWorkspace(reference, executor) {
                workspace = found
            } else if role == .owner, createWorkspace || isFirstRun {
                workspace = try await Self.insertWorkspace(named: reference, now: now, executor)
            } else {
                throw IdentityError.workspaceNotFound(reference)
            }
            let user = try await Self.insertUser(
                email: email, passwordHash: passwordHash, installationAdmin: isFirstUser, now: now, executor)
            try await executor.query("DELETE FROM setup_tokens")
            try await AuditLog(database: executor).append(
                workspaceID: workspace.id, action: "member.create", targetType: "user", targetID: user.id,
                summary: ["email": email.value, "role": role.rawValue], context: .commandLine, now: now)
            return try await Self.insertMembership(workspace: workspace, user: user, role: role, now: now, executor)
        }
    }

    /// The stored password hash of a user.
    public func passwordHash(userID: String) async throws -> String? {
        try await database.query("SELECT password_hash FROM users WHERE id = \(userID)").first?.decode("password_hash")
    }

    /// Sets a user's password and ends their other sessions, keeping the one that asked.
    public func changePassword(
        userID: String, passwordHash: String, keepingSession sessionID: String?, workspaceID: String,
        context: AuditContext, now: Date
    ) async throws {
        try await database.transaction { executor in
            try await executor.query(
                "UPDATE users SET password_hash = \(passwordHash), password_changed_at = \(now) WHERE id = \(userID)")
            try await SessionRepository(database: executor).revokeSessions(
                ofUser: userID, except: sessionID, reason: "password changed", now: now)
            try await AuditLog(database: executor).append(
                workspaceID: workspaceID, action: "account.change-password", targetType: "user", targetID: userID,
                context: context, now: now)
        }
    }

    /// Adds a user to a workspace, creating the user when `passwordHash` is given.
    func insertMember(
        email: EmailAddress, existingUserID: String?, passwordHash: String?, workspace: Workspace, role: Role, now: Date
    ) async throws -> Membership {
        try await database.transaction { executor in
            let user: User
            if let existingUserID {
                let rows = try await executor.query("SELECT id, email, created_at FROM users WHERE id = \(existingUserID)")
                guard let row = rows.first else { throw IdentityError.notFound }
                user = try User(row: row)
                let member = try await executor.query(
                    "SELECT role FROM memberships WHERE user_id = \(user.id) AND workspace_id = \(workspace.id)")
                guard member.isEmpty else { throw IdentityError.alreadyMember }
            } else {
                user = try await Self.insertUser(email: email, passwordHash: passwordHash ?? "", now: now, executor)
            }
            return try await Self.insertMembership(workspace: workspace, user: user, role: role, now: now, executor)
        }
    }

    private static func hasUsers(_ executor: any SQLExecutor) async throws -> Bool {
        try await !executor.query("SELECT id FROM users LIMIT 1").isEmpty
    }

    private static func findWorkspace(_ reference: String, _ executor: any SQLExecutor) async throws -> Workspace? {
        if let byID = try await executor.query("SELECT id, name, created_at FROM workspaces WHERE id = \(reference)").first {
            return try Workspace(row: byID)
        }
        let byName = try await executor.query("SELECT id, name, created_at FROM workspaces WHERE name = \(reference) LIMIT 2")
        guard byName.count < 2 else { throw IdentityError.ambiguousWorkspace(reference) }
        return try byName.first.map(Workspace.init(row:))
    }

    private static func oldestValidSetupToken(now: Date) -> Date {
        now.addingTimeInterval(-Double(setupTokenLifetime.components.seconds))
    }

    private static func insertWorkspace(named name: String, now: Date, _ executor: any SQLExecutor) async throws -> Workspace {
        let workspace = Workspace(id: RandomID.make(), name: name, createdAt: now)
        try await executor.query(
            "INSERT INTO workspaces (id, name, created_at) VALUES (\(workspace.id), \(workspace.name), \(now))")
        return workspace
    }

    /// Inserts a user; `installationAdmin` only for an installation's first user.
    private static func insertUser(
        email: EmailAddress, passwordHash: String, installationAdmin: Bool = false, now: Date, _ executor: any SQLExecutor
    ) async throws -> User {
        guard try await executor.query("SELECT id FROM users WHERE email = \(email.value)").isEmpty else {
            throw IdentityError.emailTaken
        }
        let user = User(id: RandomID.make(), email: email, createdAt: now)
        do {
            try await executor.query(
                """
                INSERT INTO users (id, email, password_hash, created_at, password_changed_at, is_installation_admin)
                VALUES (\(user.id), \(email.value), \(passwordHash), \(now), \(now), \(installationAdmin))
                """)
        } catch  where DatabaseFailure.isUniqueViolation(error) {
            throw IdentityError.emailTaken  // Another node inserted the same address just now.
        }
        return user
    }

    private static func insertMembership(
        workspace: Workspace, user: User, role: Role, now: Date, _ executor: any SQLExecutor
    ) async throws -> Membership {
        do {
            try await executor.query(
                """
                INSERT INTO memberships (workspace_id, user_id, role, created_at)
                VALUES (\(workspace.id), \(user.id), \(role.rawValue), \(now))
                """)
        } catch  where DatabaseFailure.isUniqueViolation(error) {
            throw IdentityError.alreadyMember  // A concurrent acceptance added it just now.
        }
        return Membership(workspace: workspace, user: user, role: role)
    }
}
