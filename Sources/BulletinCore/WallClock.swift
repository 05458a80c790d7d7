import Foundation

/// Where code that stores or compares wall-clock times gets "now".
///
/// The application uses ``system``; tests pass a clock they move by hand, so that expiry,
/// lockouts and rate limits are tested without sleeping.
public struct WallClock: Sendable {
    private let read: @Sendable () -> Date

    /// A clock reading the given function.
    public init(_ read: @escaping @Sendable () -> Date) {
        self.read = read
    }

    /// The current time.
    public func now() -> Date { read() }

    /// The system's clock.
    public static let system = WallClock { Date() }
}
