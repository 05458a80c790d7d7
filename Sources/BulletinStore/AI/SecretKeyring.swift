import Crypto
import Foundation

/// A secret sealed for storage: which key sealed it, and the AES-GCM box (nonce, ciphertext
/// and tag together).
public struct SealedSecret: Sendable, Hashable {
    public let keyID: String
    public let box: [UInt8]

    public init(keyID: String, box: [UInt8]) {
        self.keyID = keyID
        self.box = box
    }
}

/// The keys that seal secrets kept in the database, such as a workspace's provider keys,
/// with AES-GCM (256-bit). The first key seals; every key opens what it sealed, so a key can
/// be rotated without losing what the older one sealed (`bulletin secrets rotate`, then
/// `retire` once every node has the new file).
///
/// Each secret is sealed with what it belongs to as authenticated data (such as
/// `workspace:ID/provider:openai`): a sealed value copied into another row does not open.
///
/// The file: one key per line, `ID BASE64`, the sealing key first; `#` starts a comment.
/// Nodes sharing a database share the file.
public struct SecretKeyring: Sendable {
    public struct Key: Sendable {
        public let id: String
        let key: SymmetricKey
    }

    /// The keys, the sealing one first.
    public let keys: [Key]

    /// A keyring of the given keys, the sealing one first.
    public init(keys: [Key]) {
        precondition(!keys.isEmpty, "a keyring holds at least one key")
        self.keys = keys
    }

    /// A new key, with a random ID.
    public static func newKey() -> Key {
        Key(id: String(UInt32.random(in: .min ... .max), radix: 16), key: SymmetricKey(size: .bits256))
    }

    /// Why a keyring or a sealed secret could not be used.
    public enum Failure: Error, CustomStringConvertible {
        case unreadable(path: String, reason: String)
        case unknownKey(String)
        case notOpened

        public var description: String {
            switch self {
            case .unreadable(let path, let reason): "the secrets key file \(path) cannot be used: \(reason)"
            case .unknownKey(let id): "no key \(id) in the secrets key file (was it retired too early?)"
            case .notOpened: "a sealed secret did not open (altered, or sealed for another row)"
            }
        }
    }

    /// Seals `secret` for `context` with the first key.
    public func seal(_ secret: String, context: String) throws -> SealedSecret {
        let sealed = try AES.GCM.seal(Data(secret.utf8), using: keys[0].key, authenticating: Data(context.utf8))
        return SealedSecret(keyID: keys[0].id, box: Array(sealed.combined!))
    }

    /// Opens what ``seal(_:context:)`` sealed for the same context, with whichever key sealed it.
    public func unseal(_ sealed: SealedSecret, context: String) throws -> String {
        guard let key = keys.first(where: { $0.id == sealed.keyID }) else { throw Failure.unknownKey(sealed.keyID) }
        do {
            let data = try AES.GCM.open(AES.GCM.SealedBox(combined: Data(sealed.box)), using: key.key, authenticating: Data(context.utf8))
            return String(decoding: data, as: UTF8.self)
        } catch {
            throw Failure.notOpened
        }
    }

    /// The file's text.
    public var fileText: String {
        "# Bulletin's secrets keys: the first seals, all open. Keep this file private; share it among nodes.\n"
            + keys.map { key in "\(key.id) " + key.key.withUnsafeBytes { Data($0).base64EncodedString() } }.joined(separator: "\n")
            + "\n"
    }

    /// Reads a key file.
    public static func parse(_ text: String, path: String) throws -> SecretKeyring {
        var keys: [Key] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            let parts = trimmed.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 2, let bytes = Data(base64Encoded: String(parts[1])), bytes.count == 32 else {
                throw Failure.unreadable(path: path, reason: "line \(number + 1) is not `ID BASE64` of a 256-bit key")
            }
            guard !keys.contains(where: { $0.id == parts[0] }) else {
                throw Failure.unreadable(path: path, reason: "key \(parts[0]) is listed twice")
            }
            keys.append(Key(id: String(parts[0]), key: SymmetricKey(data: bytes)))
        }
        guard !keys.isEmpty else { throw Failure.unreadable(path: path, reason: "it holds no key") }
        return SecretKeyring(keys: keys)
    }

    /// Reads the key file, or creates it (readable by its owner only) with a new key; when
    /// several processes start at once, the file the first one made is everyone's.
    public static func loadOrCreate(at path: String) throws -> SecretKeyring {
        if let text = try? String(contentsOfFile: path, encoding: .utf8) { return try parse(text, path: path) }
        let keyring = SecretKeyring(keys: [newKey()])
        let temporary = try keyring.writeTemporary(beside: path)
        defer { unlink(temporary) }
        guard link(temporary, path) == 0 else {
            guard errno == EEXIST else { throw Failure.unreadable(path: path, reason: "it cannot be created") }
            return try parse(try String(contentsOfFile: path, encoding: .utf8), path: path)
        }
        return keyring
    }

    /// Replaces the file atomically (for a rotation), readable by its owner only.
    public func save(to path: String) throws {
        let temporary = try writeTemporary(beside: path)
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw Failure.unreadable(path: path, reason: "it cannot be replaced")
        }
    }

    /// The file's text in a new file, readable by its owner only, in the same folder as `path`.
    private func writeTemporary(beside path: String) throws -> String {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw Failure.unreadable(path: path, reason: error.localizedDescription)
        }
        let temporary = path + ".\(UUID().uuidString).tmp"
        // Created readable by the owner only from the first byte, never 0644 for a moment.
        let descriptor = open(temporary, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard descriptor >= 0 else { throw Failure.unreadable(path: path, reason: "its folder is not writable") }
        let bytes = Array(fileText.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == bytes.count else {
            unlink(temporary)
            throw Failure.unreadable(path: path, reason: "it cannot be written")
        }
        return temporary
    }
}
