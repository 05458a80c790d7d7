import BulletinCore

/// Which addresses the report's fetcher may connect to: public ones only, unless the
/// configuration allows loopback (tests, a demo served by the binary itself) or private
/// networks. Checked on every address a host name resolves to, and again after each redirect,
/// so a public name that resolves to an inside address is refused too.
public struct AddressPolicy: Sendable {
    public var allowsLoopback: Bool
    public var allowsPrivate: Bool
    /// Loopback ports reachable even when loopback is not: the demo's sites, served by the
    /// binary itself, and nothing else on the machine.
    public var loopbackPorts: Set<Int>

    /// Public addresses only.
    public static let publicOnly = AddressPolicy(allowsLoopback: false, allowsPrivate: false)

    public init(allowsLoopback: Bool, allowsPrivate: Bool, loopbackPorts: Set<Int> = []) {
        self.allowsLoopback = allowsLoopback
        self.allowsPrivate = allowsPrivate
        self.loopbackPorts = loopbackPorts
    }

    private static func ranges(_ texts: [String]) -> [IPAddressRange] { texts.compactMap(IPAddressRange.init) }
    private static let loopback = ranges(["127.0.0.0/8", "::1/128"])
    private static let privateNetworks = ranges([
        "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7",
    ])
    /// Never reachable, whatever the configuration: unspecified, link-local (where cloud
    /// metadata services live), multicast, broadcast and reserved addresses.
    private static let forbidden = ranges([
        "0.0.0.0/8", "169.254.0.0/16", "192.0.0.0/24", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
        "::/128", "fe80::/10", "ff00::/8", "fd00:ec2::254/128", "64:ff9b::/96",
    ])

    /// Why the address (and port, when known) may not be reached, or `nil` when it may.
    public func refusal(of address: String, port: Int? = nil) -> String? {
        guard var bytes = IPAddressRange.parseAddress(address) else { return "\(address) is not an IP address" }
        // An IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as IPv4.
        if bytes.count == 16, bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xff, bytes[11] == 0xff {
            bytes = Array(bytes[12...])
        }
        if Self.forbidden.contains(where: { $0.contains(address: bytes) }) {
            return "\(address) is a link-local, metadata, multicast or reserved address"
        }
        let isDemoPort = port.map(loopbackPorts.contains) ?? false
        if !allowsLoopback, !isDemoPort, Self.loopback.contains(where: { $0.contains(address: bytes) }) {
            return "\(address) is a loopback address"
        }
        if !allowsPrivate, Self.privateNetworks.contains(where: { $0.contains(address: bytes) }) {
            return "\(address) is a private network address"
        }
        return nil
    }
}
