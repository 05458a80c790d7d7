import ArgumentParser
import BulletinCore

/// `bulletin version`: prints the version.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the version of Bulletin.")

    func run() {
        print("bulletin \(BulletinVersion.current)")
    }
}
