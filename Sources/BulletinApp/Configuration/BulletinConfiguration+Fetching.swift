import BulletinReports

extension BulletinConfiguration {
    /// Which addresses report runs may read pages from: public ones, plus what
    /// `--fetch-allow-loopback` and `--fetch-allow-private` allow, plus `loopbackPorts` (the
    /// demo's own sites, when this process serves them).
    public func fetchPolicy(loopbackPorts: Set<Int> = []) -> AddressPolicy {
        AddressPolicy(allowsLoopback: fetchAllowsLoopback, allowsPrivate: fetchAllowsPrivate, loopbackPorts: loopbackPorts)
    }
}
