import BulletinStore
import Synchronization

/// The installation, known once the database is migrated at start.
final class InstanceHolder: Sendable {
    private let instance = Mutex<Instance?>(nil)

    func set(_ value: Instance) { instance.withLock { $0 = value } }

    /// The installation; requests only arrive after start-up has set it.
    var value: Instance {
        get throws {
            guard let value = instance.withLock({ $0 }) else {
                throw APIError(.notReady, detail: "The node is still starting.")
            }
            return value
        }
    }
}
