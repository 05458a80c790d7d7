import BulletinStore
import HummingbirdBcrypt
import NIOPosix
import Synchronization

/// Hashes and verifies passwords with bcrypt, off the event loops.
///
/// A cost-12 hash takes about a quarter of a second of CPU; run on an event loop it would
/// stall every connection that loop serves, so the work goes to NIO's blocking thread pool.
public final class PasswordHasher: Sendable {
    /// bcrypt's cost factor.
    public let cost: Int
    /// A hash of a random password at this cost, verified against when an account does not
    /// exist, so that a sign-in takes as long whether or not the address is known.
    private let decoy = Mutex<String?>(nil)

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

    /// Whether a password matches a stored hash; with no hash, spends the same time and
    /// answers `false`.
    public func verify(_ password: String, against hash: String?) async throws -> Bool {
        let stored: String
        if let hash {
            stored = hash
        } else if let decoy = decoy.withLock({ $0 }) {
            stored = decoy
        } else {
            stored = try await self.hash(SecretToken.make().value)
            decoy.withLock { $0 = stored }
        }
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: stored) }
        return matches && hash != nil
    }
}
