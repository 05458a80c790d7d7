/// The version of this build of Bulletin, shown by `bulletin version`, `/v1/system/info`
/// and the `bulletin_build_info` metric.
public enum BulletinVersion {
    /// The semantic version of this release.
    public static let current = "0.1.0"
}
