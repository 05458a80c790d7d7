import BulletinStore
import BulletinTestSupport
import Foundation
import Testing

/// The keys that seal secrets kept in the database: sealing, the row a secret belongs to, the
/// key file, and rotation.
@Suite("Secrets keyring")
struct SecretKeyringTests {
    @Test("a sealed secret opens for its own row only, and its bytes do not hold it")
    func sealing() throws {
        let keyring = SecretKeyring(keys: [SecretKeyring.newKey()])
        let sealed = try keyring.seal("sk-live-abcdef123456", context: "workspace:A/provider:openai")
        #expect(sealed.keyID == keyring.keys[0].id)
        #expect(!String(decoding: sealed.box, as: UTF8.self).contains("abcdef"))
        #expect(try keyring.unseal(sealed, context: "workspace:A/provider:openai") == "sk-live-abcdef123456")
        #expect(throws: SecretKeyring.Failure.self) { try keyring.unseal(sealed, context: "workspace:B/provider:openai") }
        var altered = sealed.box
        altered[altered.count / 2] ^= 1
        #expect(throws: SecretKeyring.Failure.self) {
            try keyring.unseal(SealedSecret(keyID: sealed.keyID, box: altered), context: "workspace:A/provider:openai")
        }
        let other = SecretKeyring(keys: [SecretKeyring.newKey()])
        #expect(throws: SecretKeyring.Failure.self) { try other.unseal(sealed, context: "workspace:A/provider:openai") }
    }

    @Test("the key file is made once, readable by its owner only, and read back; a rotated ring opens what the old key sealed")
    func file() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path + "/keys/secrets.key"
        let first = try SecretKeyring.loadOrCreate(at: path)
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        let again = try SecretKeyring.loadOrCreate(at: path)
        #expect(again.keys.map(\.id) == first.keys.map(\.id))
        let sealed = try first.seal("old secret", context: "c")

        let rotated = SecretKeyring(keys: [SecretKeyring.newKey()] + first.keys)
        try rotated.save(to: path)
        let read = try SecretKeyring.loadOrCreate(at: path)
        #expect(read.keys.count == 2 && read.keys[0].id != first.keys[0].id)
        #expect(try read.unseal(sealed, context: "c") == "old secret")
        #expect(try read.seal("new", context: "c").keyID == read.keys[0].id)

        for broken in ["", "# only a comment\n", "abc not-base64\n", "abc \(Data(count: 16).base64EncodedString())\n"] {
            #expect(throws: SecretKeyring.Failure.self, "\(broken)") { try SecretKeyring.parse(broken, path: "k") }
        }
        let twice = "a \(Data(count: 32).base64EncodedString())\na \(Data(count: 32).base64EncodedString())\n"
        #expect(throws: SecretKeyring.Failure.self) { try SecretKeyring.parse(twice, path: "k") }
    }
}
