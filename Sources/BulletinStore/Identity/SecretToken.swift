import Crypto

/// A bearer secret (setup tokens now; refresh tokens and invitations later): 256 random bits
/// shown once as 64 hex characters, and stored only as its SHA-256.
public struct SecretToken: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The secret as the holder presents it.
    public let value: String

    /// Makes a new token from the system's cryptographically secure random source.
    public static func make() -> SecretToken {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<4).flatMap { _ in withUnsafeBytes(of: generator.next()) { Array($0) } }
        return SecretToken(value: hexString(bytes))
    }

    /// Wraps a token a client presented.
    public init(value: String) {
        self.value = value
    }

    /// Never the secret itself, so that interpolating a token into a log line leaks nothing.
    public var description: String { "SecretToken(redacted)" }
    public var debugDescription: String { description }

    /// The stored form: hex SHA-256 of the token.
    public var hash: String {
        hexString(SHA256.hash(data: Array(value.utf8)))
    }
}
