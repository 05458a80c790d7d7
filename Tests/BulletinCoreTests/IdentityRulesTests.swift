import BulletinCore
import Foundation
import Testing

@Suite("Identity rules")
struct IdentityRulesTests {
    @Test("roles are ordered viewer < editor < admin < owner")
    func roleOrder() {
        #expect(Role.viewer < .editor && Role.editor < .admin && Role.admin < .owner)
        #expect(Role.allCases.sorted() == Role.ascending)
    }

    @Test(
        "the permission table: viewers read, editors write, admins manage, owners own",
        arguments: [
            (Action.readContent, Role.viewer), (.writeContent, .editor), (.manageMembers, .admin),
            (.manageAPIKeys, .admin), (.manageSettings, .admin), (.readAudit, .admin), (.manageWorkspace, .owner),
        ])
    func permissionTable(action: Action, least: Role) {
        for role in Role.ascending {
            #expect(Permissions.allows(role, action) == (role >= least), "\(role) \(action)")
        }
    }

    @Test("an action missing from the table is refused to everyone")
    func failsClosed() {
        for role in Role.ascending {
            #expect(!Permissions.allows(role, Action("something.new")))
        }
    }

    @Test(
        "e-mail addresses are trimmed and lower-cased",
        arguments: [
            ("  Ada@Example.COM ", "ada@example.com"), ("first.last+tag@sub.example.org", "first.last+tag@sub.example.org"),
        ])
    func normalisedEmail(raw: String, expected: String) {
        #expect(EmailAddress(raw)?.value == expected)
    }

    @Test(
        "malformed e-mail addresses are refused",
        arguments: [
            "", "ada", "ada@", "@example.com", "ada@example", "ada@@example.com", "ada @example.com", "ada@exa mple.com",
            "ada@.example.com", "ada@example..com", "ada@-example.com", String(repeating: "a", count: 65) + "@example.com",
            "ada\u{A0}@example.com", "ada\u{202E}@example.com", "ada\u{85}@example.com",
        ])
    func malformedEmail(raw: String) {
        #expect(EmailAddress(raw) == nil)
    }

    @Test("composed and decomposed spellings are one address, and decoding checks too")
    func emailCanonical() throws {
        #expect(EmailAddress("re\u{301}my@example.com") == EmailAddress("r\u{E9}my@example.com"))
        #expect(EmailAddress("re\u{301}my@example.com")?.value.unicodeScalars.count == "r\u{E9}my@example.com".unicodeScalars.count)
        let decoded = try JSONDecoder().decode([EmailAddress].self, from: Data(#"[" Ada@Example.com"]"#.utf8))
        #expect(decoded.first?.value == "ada@example.com")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([EmailAddress].self, from: Data(#"["nope"]"#.utf8)) }
    }

    @Test("passwords need 10 characters and at most bcrypt's 72 bytes")
    func passwordPolicy() {
        #expect(PasswordPolicy.problem(with: "123456789") != nil)
        #expect(PasswordPolicy.problem(with: "1234567890") == nil)
        #expect(PasswordPolicy.problem(with: String(repeating: "x", count: 72)) == nil)
        #expect(PasswordPolicy.problem(with: String(repeating: "x", count: 73)) != nil)
        // bcrypt's C code would stop at the NUL and hash only what precedes it.
        #expect(PasswordPolicy.problem(with: "\u{0}123456789abc") != nil)
        #expect(PasswordPolicy.problem(with: "correct\nhorse battery") != nil)
        // 25 three-byte characters: long enough, but 75 bytes.
        #expect(PasswordPolicy.problem(with: String(repeating: "€", count: 25)) != nil)
        // Ten code points (as the document's minLength counts), though five characters on screen.
        #expect(PasswordPolicy.problem(with: String(repeating: "e\u{301}", count: 5)) == nil)
    }

    @Test("workspace names: 1–100 characters after trimming, no control characters")
    func workspaceNames() {
        #expect(DisplayName.problem(with: "  Acme  ", naming: "the workspace") == nil)
        #expect(DisplayName.normalised("  Acme  ") == "Acme")
        #expect(DisplayName.problem(with: "   ", naming: "the workspace") != nil)
        #expect(DisplayName.problem(with: String(repeating: "a", count: 101), naming: "the workspace") != nil)
        #expect(DisplayName.problem(with: "two\nlines", naming: "the workspace") != nil)
        #expect(DisplayName.problem(with: "right\u{202E}to left", naming: "the workspace") != nil)
        #expect(DisplayName.problem(with: "zero\u{200B}width", naming: "the workspace") != nil)
        #expect(DisplayName.problem(with: "a" + String(repeating: "\u{301}", count: 500), naming: "the workspace") != nil)
    }

    /// The OpenAPI document's pattern counts code points, as JSON Schema does, and trims white
    /// space code point by code point; a name it accepts is accepted, one it refuses refused.
    @Test("names count code points, after trimming white-space code points")
    func namesCountCodePoints() {
        let hundred = "a" + String(repeating: "\u{301}", count: 99)
        #expect(DisplayName.problem(with: hundred, naming: "the key") == nil)
        #expect(DisplayName.problem(with: hundred + "\u{301}", naming: "the key") != nil)
        #expect(DisplayName.problem(with: "\t " + String(repeating: "x", count: 100) + " \u{3000}\n", naming: "the key") == nil)
        #expect(DisplayName.normalised(" \u{301}x ") == "\u{301}x")
        #expect(DisplayName.problem(with: " \u{301}" + String(repeating: "x", count: 99), naming: "the key") == nil)
    }
}
