import ArgumentParser
import BulletinCore

/// The `bulletin` command: the server and its operations tools in one binary.
@main
struct Bulletin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bulletin",
        abstract: "Projects, comparative reports, durable jobs and live events for teams.",
        discussion: """
            Every option can also be set with the BULLETIN_* environment variable shown beside it; \
            a flag wins over the environment, which wins over the default.
            """,
        version: BulletinVersion.current,
        subcommands: [ServeCommand.self, MigrateCommand.self, VersionCommand.self]
    )
}
