import ArgumentParser
import BulletinApp
import BulletinCore
import BulletinServer
import BulletinStore
import Foundation
import Logging

/// `bulletin user`: manages users from a shell, for scripts and first runs.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage users.", subcommands: [Create.self])

    /// `bulletin user create`
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user in a workspace (given by ID, or by a name only one workspace has).",
            discussion: """
                On a new installation, an owner's workspace is created; later, creating a new \
                workspace takes --create-workspace. The password is read from standard input \
                (one line), so it never appears in the process list or shell history:

                  printf '%s\\n' "$PASSWORD" | bulletin user create --email ada@example.com \\
                      --workspace "Acme Research" --role owner --password-stdin
                """)

        @Option(help: "The user's e-mail address.") var email: String
        @Option(help: "The workspace's ID or exact name.") var workspace: String
        @Option(help: "owner, admin, editor or viewer.") var role: String
        @Flag(name: .customLong("create-workspace"), help: "Create the workspace (with this owner) when none matches.")
        var createWorkspace = false
        @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input (required).")
        var passwordFromStandardInput = false
        @OptionGroup var settings: SettingsOptions

        func validate() throws {
            guard passwordFromStandardInput else {
                throw ValidationError("--password-stdin is required: pass the password on standard input")
            }
            guard let role = Role(rawValue: role) else { throw ValidationError("--role must be owner, admin, editor or viewer") }
            guard !createWorkspace || role == .owner else { throw ValidationError("--create-workspace needs --role owner") }
            guard EmailAddress(email) != nil else { throw ValidationError("--email is not an e-mail address") }
            if let problem = DisplayName.problem(with: workspace, naming: "the workspace") {
                throw ValidationError("--workspace: \(problem)")
            }
        }

        func run() async throws {
            let password = readLine(strippingNewline: true) ?? ""
            if let problem = PasswordPolicy.problem(with: password) {
                printError("the password is too weak: \(problem)")
                throw ExitCode(2)
            }
            let email = EmailAddress(email)!
            let role = Role(rawValue: role)!
            let workspace = DisplayName.normalised(self.workspace)
            let membership = try await withDatabase(settings) { database, configuration in
                if configuration.migratesAutomatically {
                    try await Migrator().migrate(database)
                } else {
                    try await Migrator().verifyCurrent(database)
                }
                let passwordHash = try await PasswordHasher(cost: configuration.bcryptCost).hash(password)
                return try await IdentityRepository(database: database).createUser(
                    email: email, passwordHash: passwordHash, role: role, workspace: workspace,
                    createWorkspace: createWorkspace)
            }
            print(
                "Created \(membership.user.email) (\(membership.user.id)) as \(membership.role.rawValue) of "
                    + "\"\(membership.workspace.name)\" (\(membership.workspace.id)).")
        }
    }
}
