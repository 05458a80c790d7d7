import BulletinCore
import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import Testing

@testable import BulletinServer

/// What the contract check (Tests/Contract) found: requests the OpenAPI document calls
/// invalid were accepted, and valid ones refused. Each case here failed before its fix.
@Suite("Requests keep the OpenAPI document's rules")
struct RequestContractTests {
    /// A query parameter breaking its declared `maxLength`, range or pattern is a 400 whose
    /// `errors` name it; the generated layer checks only types.
    @Test("query parameters outside their declared rules answer 400 naming each one")
    func queryRules() async throws {
        try await AccessFixture.run(.sqlite) { fixture in
            let owner = fixture[.owner].accessToken
            let long = { (count: Int) in String(repeating: "0", count: count) }
            for (uri, parameter) in [
                ("/v1/projects?tag=\(long(41))", "tag"), ("/v1/projects?q=\(long(201))", "q"),
                ("/v1/projects?cursor=\(long(65))", "cursor"), ("/v1/audit?actorId=\(long(201))", "actorId"),
                ("/v1/jobs?queue=\(long(101))", "queue"), ("/v1/jobs?kind=\(long(201))", "kind"),
                ("/v1/jobs?state=waiting", "state"), ("/v1/notifications?unread=yes", "unread"),
                ("/v1/audit?cursor=007", "cursor"), ("/v1/jobs?cursor=%2B5", "cursor"), ("/v1/notifications?cursor=", "cursor"),
                ("/v1/audit?cursor=12%0A", "cursor"), ("/v1/projects?limit=101", "limit"),
                ("/v1/presence?topic=job:007", "topic"), ("/v1/presence?topic=team:1", "topic"), ("/v1/presence", "topic"),
            ] {
                let reply = try await fixture.call(.get, uri, token: owner)
                #expect(reply.status == .badRequest, "\(uri)")
                #expect(reply.problemType == "bad-request", "\(uri)")
                let pointers = (reply.json["errors"] as? [[String: String]])?.compactMap { $0["pointer"] }
                #expect(pointers == ["#/query/\(parameter)"], "\(uri)")
            }
            for uri in [
                "/v1/projects?tag=\(long(40))&q=\(long(200))&cursor=\(long(64))&limit=100", "/v1/audit?cursor=9&limit=1",
                "/v1/jobs?cursor=123456789012345678&state=available&state=running", "/v1/notifications?cursor=1&unread=true",
            ] {
                #expect(try await fixture.call(.get, uri, token: owner).status == .ok, "\(uri)")
            }
        }
    }

    /// The presence topic's ID is any 1–200 code points, as the document's pattern says;
    /// a combining mark after the colon does not hide it.
    @Test("presence takes every topic the document's pattern allows")
    func presenceTopics() async throws {
        try await AccessFixture.run(.sqlite) { fixture in
            let editor = fixture[.editor]
            let mine = try await fixture.call(.get, "/v1/presence?topic=user:\(editor.id)", token: editor.accessToken)
            #expect(mine.status == .ok)
            let other = try await fixture.call(.get, "/v1/presence?topic=user:%CC%81x", token: editor.accessToken)
            #expect(other.status == .forbidden && other.problemType == "topic-forbidden")
            let job = try await fixture.call(.get, "/v1/presence?topic=job:123456789012345678", token: editor.accessToken)
            #expect(job.status == .forbidden && job.problemType == "topic-forbidden")
        }
    }

    /// Text that is no address matches no account: sign-in answers as for a wrong password,
    /// never 422 (the document's `email` is any text of 1–254 characters).
    @Test("signing in with text that is no address answers 401 invalid-credentials")
    func signInWithNonAddress() async throws {
        try await AccessFixture.run(.sqlite) { fixture in
            for path in ["/v1/auth/login", "/v1/auth/session"] {
                let reply = try await fixture.call(.post, path, json: ["email": "0", "password": "whatever you like"])
                #expect(reply.status == .unauthorized, "\(path)")
                #expect(reply.problemType == "invalid-credentials", "\(path)")
            }
        }
    }

    /// A constraint's `contextName` has at most 100 characters: an import kept a longer one,
    /// and the export then broke its own schema. Evaluation names at most 200 flags.
    @Test("flags keep the document's limits: a context name's length on import, the names evaluated")
    func flagLimits() async throws {
        try await AccessFixture.run(.sqlite) { fixture in
            let admin = fixture[.admin].accessToken
            let constraint: [String: Any] = ["contextName": String(repeating: "c", count: 101), "operator": "IN", "values": ["x"]]
            let body: [String: Any] = ["features": [], "segments": [["id": 1, "constraints": [constraint]]]]
            let imported = try await fixture.call(.post, "/v1/flags/import", token: admin, json: body)
            #expect(imported.status == .unprocessableContent && imported.problemType == "validation-failed")
            #expect((imported.json["errors"] as? [[String: String]])?.first?["pointer"] == "/segments/0/constraints/0/contextName")
            // A strategy kept as written (an unknown name) still has well-formed variants: an
            // import kept a payload of no type, and every flag read after broke its schema.
            let variant: [String: Any] = ["name": "blue", "weight": 1000, "payload": ["type": "", "value": ""]]
            let unknown: [String: Any] = ["name": "telepathy", "variants": [variant]]
            let keptAsWritten = try await fixture.call(
                .post, "/v1/flags/import", token: admin, json: ["features": [["name": "f", "enabled": true, "strategies": [unknown]]]])
            #expect(keptAsWritten.status == .unprocessableContent && keptAsWritten.problemType == "validation-failed")
            #expect(
                (keptAsWritten.json["errors"] as? [[String: String]])?.first?["pointer"] == "/features/0/strategies/0/variants/0/payload")
            let names = (0...200).map { "flag-\($0)" }
            let evaluated = try await fixture.call(.post, "/v1/flags/evaluate", token: admin, json: ["context": [:], "flags": names])
            #expect(evaluated.status == .unprocessableContent && evaluated.problemType == "validation-failed")
            #expect((evaluated.json["errors"] as? [[String: String]])?.first?["pointer"] == "/flags")
            let fewer = try await fixture.call(
                .post, "/v1/flags/evaluate", token: admin, json: ["context": [:], "flags": Array(names.prefix(200))])
            #expect(fewer.status == .ok)
        }
    }

    /// A flag name is 1–100 code points without white space, as the document's pattern reads
    /// it; a combining mark after a space does not hide the space.
    @Test("flag names are checked code point by code point")
    func flagNames() {
        #expect(FlagValidator.nameProblem(String(repeating: "e\u{301}", count: 50)) == nil)
        #expect(FlagValidator.nameProblem(String(repeating: "e\u{301}", count: 50) + "x") != nil)
        #expect(FlagValidator.nameProblem("new \u{301}checkout") != nil)
        #expect(FlagValidator.nameProblem("new\u{A0}checkout") != nil)
    }

    /// The document allows refresh tokens of 1–256 characters; sign-out refused none.
    @Test("sign-out refuses a refresh token longer than the document allows")
    func signOutTokenLength() async throws {
        try await AccessFixture.run(.sqlite) { fixture in
            let long = try await fixture.call(.post, "/v1/auth/logout", json: ["refreshToken": String(repeating: "x", count: 257)])
            #expect(long.status == .unprocessableContent && long.problemType == "validation-failed")
            #expect((long.json["errors"] as? [[String: String]])?.first?["pointer"] == "/refreshToken")
            let unknown = try await fixture.call(.post, "/v1/auth/logout", json: ["refreshToken": String(repeating: "x", count: 256)])
            #expect(unknown.status == .noContent)
            // A browser's cookie that long is none of ours: signing out still clears it.
            let browser = try await fixture.call(
                .post, "/v1/auth/session/logout", json: [String: String](),
                headers: [.cookie: "bulletin_session=" + String(repeating: "x", count: 300)])
            #expect(browser.status == .noContent)
        }
    }
}
