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
        subcommands: [
            ServeCommand.self, WorkerCommand.self, MigrateCommand.self, UserCommand.self, BenchCommand.self, SmokeCommand.self,
            LoadTestCommand.self, OpenAPICommand.self, SecretsCommand.self, FakeModelsCommand.self, VersionCommand.self,
        ]
    )

    /// Runs the command; a command line that cannot be parsed gets one line on standard
    /// error (not the whole usage text) and status 2, like an invalid setting.
    static func main() async {
        let command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            guard exitCode(for: error) != .success else { exit(withError: error) }
            printError("\(message(for: error)) (see bulletin --help)")
            exit(withError: ExitCode(2))
        }
        do {
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                var synchronous = command
                try synchronous.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
