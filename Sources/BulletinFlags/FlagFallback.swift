import BulletinCore
import Foundation

/// Flags defined outside the database: built-in defaults, then `BULLETIN_FLAG_<NAME>`
/// environment variables. A flag in the workspace's database replaces both.
///
/// `BULLETIN_FLAG_IMMEDIATE_REPORTS=on` turns `immediate-reports` on for everyone, `off` turns
/// it off, and a whole number from 0 to 100 rolls it out to that percentage of users (sticky
/// by user, then session).
public enum FlagFallback {
    public static let prefix = "BULLETIN_FLAG_"

    /// Why an environment variable's value is refused, or `nil`.
    public static func problem(in value: String) -> String? {
        definition(name: "x", value: value) == nil ? "use on, off, or a percentage from 0 to 100" : nil
    }

    /// The flags the environment defines, over `defaults` (flags the code ships with).
    ///
    /// The variable names a flag by its name in upper case with `-` and `.` as `_`; a default
    /// with a matching name takes the variable's value, any other variable defines a flag
    /// named in lower case with `-`.
    public static func flags(defaults: [FlagDefinition], environment: [String: String]) -> [String: FlagDefinition] {
        var flags = Dictionary(defaults.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        let byVariable = Dictionary(defaults.map { (variableName(for: $0.name), $0.name) }, uniquingKeysWith: { first, _ in first })
        for (variable, value) in environment where variable.hasPrefix(prefix) && variable.count > prefix.count {
            let name = byVariable[variable] ?? variable.dropFirst(prefix.count).lowercased().replacingOccurrences(of: "_", with: "-")
            if let definition = definition(name: name, value: value) { flags[name] = definition }
        }
        return flags
    }

    /// The environment variable for a flag name.
    public static func variableName(for name: String) -> String {
        prefix + String(name.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    static func definition(name: String, value: String) -> FlagDefinition? {
        switch value.lowercased() {
        case "on", "true":
            return FlagDefinition(name: name, type: "release", enabled: true, strategies: [FlagStrategy(name: "default")])
        case "off", "false":
            return FlagDefinition(name: name, type: "release", enabled: false, strategies: [FlagStrategy(name: "default")])
        default:
            let digits = value.hasSuffix("%") ? String(value.dropLast()) : value
            guard let percent = Int(digits), (0...100).contains(percent) else { return nil }
            return FlagDefinition(
                name: name, type: "release", enabled: true,
                strategies: [
                    FlagStrategy(
                        name: "flexibleRollout",
                        parameters: ["rollout": String(percent), "stickiness": "default", "groupId": name])
                ])
        }
    }
}
