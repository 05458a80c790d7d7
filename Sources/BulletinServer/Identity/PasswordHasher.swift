import HummingbirdBcrypt
import NIOPosix

/// Hashes passwords with bcrypt, off the event loops.
///
/// A cost-12 hash takes about a quarter of a second of CPU; run on an event loop it would
/// stall every connection that loop serves, so the work goes to NIO's blocking thread pool.
public struct PasswordHasher: Sendable {
    /// bcrypt's cost factor.
    public let cost: Int

    /// The costs bcrypt accepts.
    public static let costs = 4...31

    /// Creates a hasher; a cost outside ``costs`` is clamped into it. Defaults to cost 12.
    public init(cost: Int = 12) {
        self.cost = min(max(cost, Self.costs.lowerBound), Self.costs.upperBound)
    }

    /// The bcrypt hash of a password (salt included).
    public func hash(_ password: String) async throws -> String {
        let cost = UInt8(self.cost)
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

}
