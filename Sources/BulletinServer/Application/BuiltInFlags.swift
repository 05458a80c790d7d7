import BulletinCore

/// The flags Bulletin ships with: what a workspace gets until an admin stores its own
/// definition (or a `BULLETIN_FLAG_<NAME>` variable changes the default).
enum BuiltInFlags {
    static let defaults: [FlagDefinition] = [
        FlagDefinition(
            name: "immediate-reports",
            description: "Creating a project starts its comparative report at once.",
            type: "release", enabled: true, strategies: [FlagStrategy(name: "default")])
    ]
}
