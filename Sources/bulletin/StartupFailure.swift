import BulletinStore
import ServiceLifecycle

/// One line for an operator about why the process stopped.
enum StartupFailure {
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as DatabaseError: error.description
        case let error as MigrationError: error.description
        case let error as IdentityError: error.description
        default: DatabaseFailure.reason(error)
        }
    }
}
