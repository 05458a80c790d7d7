import Foundation

/// Where settings come from besides the environment: the command line and a file.
///
/// Both read names from ``BulletinConfiguration/settings``, so a setting declared there is
/// reachable by flag (`--name value`, `--name=value`, a switch alone), by environment variable
/// and by configuration file alike; nothing else lists the settings.
extension BulletinConfiguration {
    /// Reads settings given on the command line.
    ///
    /// - Parameter arguments: What follows the command, such as `["--port", "9000", "--demo"]`.
    /// - Returns: The values by setting name, as ``load(flags:environment:)`` takes them.
    /// - Throws: ``ConfigurationError`` for an unknown setting, a missing value or a setting
    ///   given twice.
    public static func flags(fromArguments arguments: [String]) throws(ConfigurationError) -> [String: String] {
        var flags: [String: String] = [:]
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            guard argument.hasPrefix("--"), argument.count > 2 else {
                throw ConfigurationError(setting: nil, problem: "unexpected argument \(argument): settings are --name value")
            }
            let written = argument.dropFirst(2)
            let name = String(written.prefix { $0 != "=" })
            guard let setting = settings.first(where: { $0.flag == name }) else {
                throw ConfigurationError(setting: nil, problem: "unknown setting --\(name)")
            }
            guard flags[name] == nil else { throw ConfigurationError(setting: setting, problem: "given twice") }
            if let equals = written.firstIndex(of: "=") {
                flags[name] = String(written[written.index(after: equals)...])
            } else if setting.isSwitch {
                flags[name] = "true"
            } else if let value = remaining.popFirst() {
                flags[name] = value
            } else {
                throw ConfigurationError(setting: setting, problem: "expected a value after --\(name)")
            }
        }
        return flags
    }

    /// The settings as `--help` lists them: each flag, what it does, its environment variable
    /// and its default.
    public static var commandLineHelp: String {
        settings.map { setting in
            let flag = setting.isSwitch ? "--\(setting.flag)" : "--\(setting.flag) <value>"
            return "\(flag): \(setting.summary) [env: \(setting.environmentVariable)] [default: \(setting.defaultDescription)]"
        }.joined(separator: "\n\n")
    }

    /// Reads a configuration file: one `name = value` per line, names as the flags have them
    /// without dashes; blank lines and lines starting with `#` are skipped, and a value may be
    /// put in double quotes.
    ///
    /// - Parameter path: The file, as `--config` or `BULLETIN_CONFIG` names it.
    /// - Throws: ``ConfigurationError`` naming the file and line of anything it cannot use.
    static func fileValues(at path: String) throws(ConfigurationError) -> [String: String] {
        let fileSetting = setting(named: "config")
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError(setting: fileSetting, problem: "cannot read \(path): \(error.localizedDescription)")
        }
        var values: [String: String] = [:]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let place = "\(path) line \(index + 1)"
            guard let equals = trimmed.firstIndex(of: "=") else {
                throw ConfigurationError(setting: fileSetting, problem: "\(place): expected name = value")
            }
            let name = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
            var value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            guard name != fileSetting.flag, settings.contains(where: { $0.flag == name }) else {
                throw ConfigurationError(setting: fileSetting, problem: "\(place): unknown setting \(name)")
            }
            guard values[name] == nil else { throw ConfigurationError(setting: fileSetting, problem: "\(place): \(name) is given twice") }
            values[name] = value
        }
        return values
    }
}
