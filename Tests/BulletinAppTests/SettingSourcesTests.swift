import BulletinApp
import BulletinTestSupport
import Foundation
import Logging
import Testing

/// The command line, the environment and the configuration file, each read against the one
/// table of settings.
@Suite("Where settings come from")
struct SettingSourcesTests {
    /// What loading gives: the configuration, or the one line of its error.
    enum Outcome: Equatable {
        case loaded(BulletinConfiguration)
        case refused(String)
    }

    static func outcome(_ load: () throws -> BulletinConfiguration) -> Outcome {
        do {
            return .loaded(try load())
        } catch {
            return .refused((error as? ConfigurationError)?.description ?? "\(error)")
        }
    }

    /// Values that every kind of setting either takes or refuses with a reason.
    static let candidates = ["true", "false", "0", "7", "30", "debug", "a=2", "https://a.example", "x y", "./elsewhere"]

    @Test("every setting is reachable by flag, environment and configuration file alike, with the same outcome")
    func everySettingReachable() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.path + "/bulletin.conf"
        let base: [String: String] = ["HOME": folder.path]
        let untouched = Self.outcome { try BulletinConfiguration.load(flags: [:], environment: base) }
        for setting in BulletinConfiguration.settings where setting.flag != "config" {
            var reached = false
            for value in Self.candidates {
                // A switch alone means true; with another value it is written --name=value.
                let arguments =
                    !setting.isSwitch
                    ? ["--\(setting.flag)", value]
                    : value == "true" ? ["--\(setting.flag)"] : ["--\(setting.flag)=\(value)"]
                let byFlag = Self.outcome {
                    try BulletinConfiguration.load(flags: BulletinConfiguration.flags(fromArguments: arguments), environment: base)
                }
                let byEnvironment = Self.outcome {
                    try BulletinConfiguration.load(flags: [:], environment: base.merging([setting.environmentVariable: value]) { $1 })
                }
                try "\(setting.flag) = \"\(value)\"\n".write(toFile: file, atomically: true, encoding: .utf8)
                let byFile = Self.outcome {
                    try BulletinConfiguration.load(flags: [:], environment: base.merging(["BULLETIN_CONFIG": file]) { $1 })
                }
                #expect(byFlag == byEnvironment, "--\(setting.flag) \(value)")
                var expectedFromFile = byEnvironment
                if case .loaded(var configuration) = byEnvironment {
                    configuration.configurationFile = file
                    expectedFromFile = .loaded(configuration)
                }
                #expect(byFile == expectedFromFile, "\(setting.flag) = \(value) in a file")
                if byFlag != untouched { reached = true }
            }
            #expect(reached, "no value of --\(setting.flag) changed anything")
        }
    }

    @Test("a flag wins over the environment, which wins over the file, which wins over the default")
    func precedence() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.path + "/bulletin.conf"
        try """
        # the team's settings
        port = 7000
        host = "0.0.0.0"

        log-level = warning
        report-retention = 5
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let configuration = try BulletinConfiguration.load(
            flags: BulletinConfiguration.flags(fromArguments: ["--config", file, "--port=9000"]),
            environment: ["BULLETIN_LOG_LEVEL": "error", "BULLETIN_HOST": "::1"])
        #expect(configuration.port == 9000)
        #expect(configuration.host == "::1")
        #expect(configuration.logLevel == .error)
        #expect(configuration.reportRetention == 5)
        #expect(configuration.apiRateLimit == BulletinConfiguration().apiRateLimit)
        #expect(configuration.configurationFile == file)
    }

    @Test(
        "the command line is read strictly",
        arguments: [
            (["--demo", "--port", "1"], nil),
            (["--prot", "1"], "unknown setting --prot"),
            (["--port"], "invalid setting --port / BULLETIN_PORT: expected a value after --port"),
            (["--port", "1", "--port=2"], "invalid setting --port / BULLETIN_PORT: given twice"),
            (["9000"], "unexpected argument 9000: settings are --name value"),
        ] as [([String], String?)])
    func commandLine(arguments: [String], refusal: String?) {
        let outcome = Self.outcome {
            try BulletinConfiguration.load(flags: BulletinConfiguration.flags(fromArguments: arguments), environment: [:])
        }
        if let refusal {
            #expect(outcome == .refused(refusal))
        } else {
            guard case .loaded(let configuration) = outcome else {
                Issue.record("refused: \(outcome)")
                return
            }
            #expect(configuration.demo)
            #expect(configuration.port == 1)
        }
    }

    @Test(
        "a configuration file's mistakes name the file and the line",
        arguments: [
            ("port = 1\nprot = 2\n", "line 2: unknown setting prot"),
            ("port 1\n", "line 1: expected name = value"),
            ("port = 1\nport = 2\n", "line 2: port is given twice"),
            ("config = other.conf\n", "line 1: unknown setting config"),
            ("port = eighty\n", "invalid setting --port / BULLETIN_PORT"),
        ])
    func fileMistakes(contents: String, named: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.path + "/bulletin.conf"
        try contents.write(toFile: file, atomically: true, encoding: .utf8)
        let outcome = Self.outcome { try BulletinConfiguration.load(flags: ["config": file], environment: [:]) }
        guard case .refused(let line) = outcome else {
            Issue.record("loaded a file with a mistake: \(contents)")
            return
        }
        #expect(line.contains(named), "\(line)")
        #expect(!line.contains("\n"))
    }

    @Test("a configuration file that cannot be read stops loading, naming it")
    func unreadableFile() {
        let outcome = Self.outcome {
            try BulletinConfiguration.load(flags: [:], environment: ["BULLETIN_CONFIG": "/nonexistent/bulletin.conf"])
        }
        guard case .refused(let line) = outcome else {
            Issue.record("loaded without its file")
            return
        }
        #expect(line.hasPrefix("invalid setting --config / BULLETIN_CONFIG: cannot read /nonexistent/bulletin.conf"))
    }
}
