import ArgumentParser
import BulletinApp
import BulletinStore
import Foundation

/// `bulletin secrets`: the keys that seal secrets kept in the database (workspaces' provider
/// keys): rotate to a new key, then retire the old ones once every node has the new file.
struct SecretsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secrets", abstract: "Rotate the keys that seal secrets kept in the database.",
        subcommands: [Rotate.self, Retire.self])

    /// `bulletin secrets rotate`
    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a new sealing key to the secrets key file and seal every stored secret with it.",
            discussion: """
                The older keys stay in the file, so a node that still has the old file keeps \
                reading what it sealed. Copy the file to every node, restart them, then run \
                `bulletin secrets retire` (docs/ai-writer.md#keys).
                """)

        @OptionGroup var settings: SettingsOptions

        func run() async throws {
            try await withDatabase(settings) { database, configuration in
                let path = configuration.secretsKeyPath
                let old = try SecretKeyring.loadOrCreate(at: path)
                let keyring = SecretKeyring(keys: [SecretKeyring.newKey()] + old.keys)
                try keyring.save(to: path)
                let count = try await SecretsCommand.reseal(database, with: keyring)
                print("secrets: new key \(keyring.keys[0].id) in \(path); \(count) secret\(count == 1 ? "" : "s") sealed with it")
            }
        }
    }

    /// `bulletin secrets retire`
    struct Retire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove every key but the sealing one from the secrets key file, once nothing needs them.",
            discussion: "Seals again, with the current key, anything an older key sealed meanwhile, then rewrites the file.")

        @OptionGroup var settings: SettingsOptions

        func run() async throws {
            try await withDatabase(settings) { database, configuration in
                let path = configuration.secretsKeyPath
                let keyring = try SecretKeyring.loadOrCreate(at: path)
                let count = try await SecretsCommand.reseal(database, with: keyring)
                try SecretKeyring(keys: [keyring.keys[0]]).save(to: path)
                print(
                    "secrets: \(keyring.keys.count - 1) older key\(keyring.keys.count == 2 ? "" : "s") retired; \(count) secret\(count == 1 ? "" : "s") sealed again"
                )
            }
        }
    }

    /// Seals every stored secret that another key sealed with the keyring's first key.
    static func reseal(_ database: any Database, with keyring: SecretKeyring) async throws -> Int {
        let repository = WorkspaceAIRepository(database: database)
        var count = 0
        for (workspaceID, provider, sealed) in try await repository.sealedKeys() where sealed.keyID != keyring.keys[0].id {
            let context = WorkspaceAISettings.keyContext(workspaceID: workspaceID, provider: provider)
            let secret = try keyring.unseal(sealed, context: context)
            try await repository.reseal(
                workspaceID: workspaceID, provider: provider, with: try keyring.seal(secret, context: context), now: Date())
            count += 1
        }
        return count
    }
}
