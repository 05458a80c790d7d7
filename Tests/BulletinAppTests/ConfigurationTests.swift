import BulletinApp
import BulletinStore
import Foundation
import Logging
import Testing

@Suite("Configuration")
struct ConfigurationTests {
    @Test("defaults work on a laptop")
    func defaults() throws {
        let configuration = try BulletinConfiguration.load(flags: [:], environment: ["HOME": NSTemporaryDirectory()])
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 8080)
        #expect(configuration.dataDirectory == "./data")
        #expect(configuration.logLevel == .info)
        #expect(configuration.migratesAutomatically)
        #expect(configuration.maximumBodySize == 1 << 20)
        #expect(try configuration.databaseLocation() == .sqlite(path: "./data/bulletin.sqlite"))
    }

    @Test("flags win over the environment, which wins over defaults")
    func precedence() throws {
        let configuration = try BulletinConfiguration.load(
            flags: ["port": "9000"],
            environment: [
                "BULLETIN_PORT": "7000", "BULLETIN_HOST": "0.0.0.0", "BULLETIN_LOG_LEVEL": "DEBUG", "BULLETIN_NO_MIGRATE": "true",
            ])
        #expect(configuration.port == 9000)
        #expect(configuration.host == "0.0.0.0")
        #expect(configuration.logLevel == .debug)
        #expect(!configuration.migratesAutomatically)
    }

    @Test(
        "an invalid value names its setting in one line",
        arguments: [
            (["port": "http"], [:], "--port / BULLETIN_PORT"),
            ([:], ["BULLETIN_PORT": "70000"], "--port / BULLETIN_PORT"),
            ([:], ["BULLETIN_LOG_LEVEL": "loud"], "--log-level / BULLETIN_LOG_LEVEL"),
            ([:], ["BULLETIN_NO_MIGRATE": "perhaps"], "--no-migrate / BULLETIN_NO_MIGRATE"),
            ([:], ["BULLETIN_DATABASE_URL": "mysql://u:hunter2@h/d"], "--database-url / BULLETIN_DATABASE_URL"),
            ([:], ["BULLETIN_MAX_BODY_BYTES": "0"], "--max-body-bytes / BULLETIN_MAX_BODY_BYTES"),
        ] as [([String: String], [String: String], String)])
    func invalid(flags: [String: String], environment: [String: String], named: String) {
        #expect {
            try BulletinConfiguration.load(flags: flags, environment: environment)
        } throws: { error in
            let line = (error as? ConfigurationError)?.description ?? ""
            return line.contains(named) && !line.contains("\n") && !line.contains("hunter2")
        }
    }

    @Test("an unknown BULLETIN_ variable is refused by name")
    func unknownVariable() {
        #expect {
            try BulletinConfiguration.load(flags: [:], environment: ["BULLETIN_PROT": "9000"])
        } throws: { error in
            (error as? ConfigurationError)?.description == "unknown setting BULLETIN_PROT in the environment"
        }
    }

    @Test("README's configuration table lists every setting")
    func readmeTable() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        for setting in BulletinConfiguration.settings {
            #expect(text.contains("`--\(setting.flag)`"), "README lacks --\(setting.flag)")
            #expect(text.contains("`\(setting.environmentVariable)`"), "README lacks \(setting.environmentVariable)")
        }
    }
}
