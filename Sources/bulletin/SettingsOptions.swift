import ArgumentParser
import BulletinApp

/// The settings of ``BulletinConfiguration`` on the command line: whatever the command's own
/// options leave is read against ``BulletinConfiguration/settings``, the one list of them,
/// which also writes their `--help`.
struct SettingsOptions: ParsableArguments {
    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp(
            "Settings, from flags, else BULLETIN_* variables, else the --config file, else the defaults.\n\n"
                + BulletinConfiguration.commandLineHelp,
            valueName: "settings"))
    var arguments: [String] = []

    /// The configuration from these flags, then the environment, then the configuration file,
    /// then defaults; on an invalid setting, prints one line naming it and exits with status 2.
    func configuration(environment: [String: String]) throws -> BulletinConfiguration {
        do {
            return try BulletinConfiguration.load(flags: BulletinConfiguration.flags(fromArguments: arguments), environment: environment)
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
    }
}
