import BulletinCore
import Crypto
import Foundation
import JWTKit

/// The ES256 key that signs access tokens, with its key ID: the RFC 7638 thumbprint of the
/// public key, so that every node holding the same key names it the same way.
struct SigningKey: Sendable {
    let privateKey: ES256PrivateKey
    let keyID: String

    init(privateKey: ES256PrivateKey) throws {
        self.privateKey = privateKey
        guard let parameters = privateKey.publicKey.parameters else { throw SigningKeyError.noPublicKey }
        // RFC 7638: SHA-256 of the required members in lexicographic order, no whitespace.
        let canonical = #"{"crv":"P-256","kty":"EC","x":"\#(parameters.x)","y":"\#(parameters.y)"}"#
        self.keyID = Data(SHA256.hash(data: Data(canonical.utf8))).base64URLEncodedString()
    }

    /// Reads the key from a PEM file, creating the file (readable by its owner only) with a
    /// new key when it does not exist.
    ///
    /// The new key is written to a temporary file and hard-linked into place, which fails if
    /// the file appeared meanwhile: two nodes starting at once on one data folder end up with
    /// the same key, never one each, and nobody reads a half-written file.
    static func loadOrCreate(at path: String) throws -> SigningKey {
        if FileManager.default.fileExists(atPath: path) { return try load(path) }
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let key = ES256PrivateKey()
        let temporary = path + ".\(RandomID.make()).tmp"
        // Created readable by the owner only from the first byte, never 0644 for a moment.
        let descriptor = open(temporary, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard descriptor >= 0 else { throw SigningKeyError.notWritable(path: path) }
        defer { unlink(temporary) }
        let pem = Array(key.pemRepresentation.utf8)
        let written = pem.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == pem.count else { throw SigningKeyError.notWritable(path: path) }
        guard link(temporary, path) == 0 else {
            if errno == EEXIST { return try load(path) }
            throw SigningKeyError.notWritable(path: path)
        }
        return try SigningKey(privateKey: key)
    }

    private static func load(_ path: String) throws -> SigningKey {
        do {
            return try SigningKey(privateKey: ES256PrivateKey(pem: String(contentsOfFile: path, encoding: .utf8)))
        } catch {
            throw SigningKeyError.unreadable(path: path)
        }
    }

    /// A secret for other uses (such as encrypting stored responses) derived from the
    /// private key, so that every node sharing the key derives the same one.
    var derivedSecret: SymmetricKey {
        HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: Data(privateKey.pemRepresentation.utf8)),
            info: Data("bulletin derived secret v1".utf8), outputByteCount: 32)
    }

    /// The public half as a JSON Web Key Set, for `/.well-known/jwks.json`.
    func jwksJSON() -> [UInt8] {
        let parameters = privateKey.publicKey.parameters!
        let json =
            #"{"keys":[{"alg":"ES256","crv":"P-256","kid":"\#(keyID)","kty":"EC","use":"sig","#
            + #""x":"\#(parameters.x)","y":"\#(parameters.y)"}]}"#
        return Array(json.utf8)
    }
}

/// Why the signing key could not be used.
enum SigningKeyError: Error, CustomStringConvertible {
    case unreadable(path: String)
    case notWritable(path: String)
    case noPublicKey

    var description: String {
        switch self {
        case .unreadable(let path): "\(path) is not a PEM-encoded P-256 (ES256) private key"
        case .notWritable(let path): "cannot create the signing key file \(path)"
        case .noPublicKey: "the signing key has no public key"
        }
    }
}

extension Data {
    /// Base64url without padding (RFC 4648 §5), as JOSE uses it.
    func base64URLEncodedString() -> String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes base64url with or without padding.
    init?(base64URLEncoded text: some StringProtocol) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        self.init(base64Encoded: base64)
    }
}
