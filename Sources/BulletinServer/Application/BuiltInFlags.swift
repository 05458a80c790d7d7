import BulletinCore

/// The flags Bulletin ships with: what a workspace gets until an admin stores its own
/// definition (or a `BULLETIN_FLAG_<NAME>` variable changes the default).
enum BuiltInFlags {
    /// Creating a project starts its first report run in the same transaction.
    static let immediateReports = "immediate-reports"

    static let defaults: [FlagDefinition] = [
        FlagDefinition(
            name: immediateReports,
            description: "Creating a project starts its comparative report at once.",
            type: "release", enabled: true, strategies: [FlagStrategy(name: "default")])
    ]
}
