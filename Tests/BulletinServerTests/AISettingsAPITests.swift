import BulletinAI
import BulletinAIFakes
import BulletinApp
import BulletinCore
import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import Testing

@testable import BulletinServer

/// A workspace's own language-model settings: its key (sealed at rest, shown by its last four
/// characters only, never audited), model, order and budgets over the installation's.
@Suite("AI settings API")
struct AISettingsAPITests {
    static let workspaceKey = "good-key-workspace-9f3c"

    @Test("an admin sets the workspace's key; it is sealed, never shown, and the next report uses it", arguments: TestDatabases.dialects)
    func workspaceKey(dialect: SQLDialect) async throws {
        try await FakeLanguageModels.run { base, fake in
            try await PeerSite.run { site in
                // The installation knows where OpenAI is, but has no key of its own.
                let configure: @Sendable (inout BulletinConfiguration) -> Void = { configuration in
                    configuration.fetchAllowsLoopback = true
                    configuration.languageModels[.openAI].baseURL = base
                }
                try await AccessFixture.run(dialect, configure: configure, live: true) { fixture in
                    let owner = fixture[.owner].accessToken
                    let before = try await fixture.call(.get, "/v1/ai/settings", token: owner)
                    #expect(before.status == .ok, "\(before.json)")
                    let providers = try #require(before.json["providers"] as? [[String: Any]])
                    #expect(providers.map { $0["keySource"] as? String } == ["none", "none", "none"])
                    #expect(providers.first?["model"] as? String == "gpt-4o-mini" && providers.first?["baseUrl"] as? String == base)

                    let set = try await fixture.call(
                        .put, "/v1/ai/settings", token: fixture[.admin].accessToken,
                        json: ["providers": [["provider": "openai", "apiKey": Self.workspaceKey, "model": "writer"]]])
                    #expect(set.status == .ok, "\(set.json)")
                    let openAI = try #require((set.json["providers"] as? [[String: Any]])?.first)
                    #expect(openAI["keySource"] as? String == "workspace" && openAI["keyLast4"] as? String == "9f3c")
                    #expect(openAI["model"] as? String == "writer" && openAI["modelSource"] as? String == "workspace")
                    let read = try await fixture.call(.get, "/v1/ai/settings", token: owner)
                    let audit = try await fixture.call(.get, "/v1/audit?action=ai.settings", token: owner)
                    let entry = try #require((audit.json["items"] as? [[String: Any]])?.first)
                    #expect((entry["summary"] as? [String: String])?["openai.key"] == "set …9f3c")
                    let stored = try await fixture.database.query("SELECT sealed_key FROM workspace_ai_providers")
                    let sealed = try #require(try stored.first?.decode("sealed_key", as: [UInt8].self))
                    for text in [set.text, read.text, audit.text, String(decoding: sealed, as: UTF8.self)] {
                        #expect(!text.contains("workspace-9f3c"), "the key is shown or stored in the clear")
                    }

                    // The workspace's report is written with its key.
                    let (projectID, _, document) = try await AIWriterAPITests.report(fixture, site: site)
                    #expect(AIWriterAPITests.authorship(document).allSatisfy { $0.writer == "OpenAI writer-2026" })
                    #expect(fake.requests.allSatisfy { $0.headers[.authorization] == "Bearer \(Self.workspaceKey)" })

                    // A zero monthly budget: the next report is written offline.
                    let broke = try await fixture.call(.put, "/v1/ai/settings", token: owner, json: ["monthlyBudgetMicrodollars": 0])
                    #expect(broke.status == .ok && broke.json["monthlyBudgetMicrodollars"] as? Int == 0)
                    // The key was kept (not listed), the model back to the installation's.
                    let kept = try #require((broke.json["providers"] as? [[String: Any]])?.first)
                    #expect(kept["keySource"] as? String == "workspace" && kept["model"] as? String == "gpt-4o-mini")
                    let again = try await fixture.call(.post, "/v1/projects/\(projectID)/reports", token: owner, json: [:])
                    let runID = try #require(again.json["id"] as? String)
                    let offline = AIWriterAPITests.authorship(try await AIWriterAPITests.document(fixture, run: runID, project: projectID))
                    #expect(offline.allSatisfy { $0.writer == "Offline writer" && $0.fallbacks == ["OpenAI gpt-4o-mini: over the budget"] })

                    let removed = try await fixture.call(
                        .put, "/v1/ai/settings", token: owner, json: ["providers": [["provider": "openai", "removeKey": true]]])
                    #expect((removed.json["providers"] as? [[String: Any]])?.first?["keySource"] as? String == "none")
                    #expect(
                        try await fixture.database.query("SELECT sealed_key FROM workspace_ai_providers WHERE sealed_key IS NOT NULL")
                            .isEmpty)
                }
            }
        }
    }

    @Test("only admins read and change the settings; what is not a key, a model, an order or a budget is refused by field")
    func refusals() async throws {
        try await AccessFixture.run(.sqlite) { fixture in
            for role in [Role.editor, .viewer] {
                let read = try await fixture.call(.get, "/v1/ai/settings", token: fixture[role].accessToken)
                #expect(read.status == .forbidden && read.problemType == "forbidden", "\(role)")
                let change = try await fixture.call(.put, "/v1/ai/settings", token: fixture[role].accessToken, json: ["order": ["gemini"]])
                #expect(change.status == .forbidden && change.problemType == "forbidden", "\(role)")
            }
            let owner = fixture[.owner].accessToken
            let cases: [([String: Any], String)] = [
                (["providers": [["provider": "openai", "apiKey": "has a space in it"]]], "/providers/0/apiKey"),
                (["providers": [["provider": "openai", "apiKey": "sk-12345678", "removeKey": true]]], "/providers/0/removeKey"),
                (["providers": [["provider": "gemini"], ["provider": "gemini"]]], "/providers/1/provider"),
                (["providers": [["provider": "openai", "model": "two words"]]], "/providers/0/model"),
                // `null` only where the document allows it: removeKey is a boolean.
                (["providers": [["provider": "openai", "removeKey": NSNull()]]], "/providers/0/removeKey"),
            ]
            for (body, pointer) in cases {
                let refused = try await fixture.call(.put, "/v1/ai/settings", token: owner, json: body)
                #expect(refused.status == .unprocessableContent && refused.problemType == "validation-failed", "\(body)")
                let pointers = (refused.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["pointer"] as? String }
                #expect(pointers.contains(pointer), "\(body): \(pointers)")
            }
            for body: [String: Any] in [["order": ["openai", "openai"]], ["order": ["bing"]], ["runBudgetMicrodollars": -1]] {
                let refused = try await fixture.call(.put, "/v1/ai/settings", token: owner, json: body)
                #expect([.badRequest, .unprocessableContent].contains(refused.status), "\(body): \(refused.status)")
            }
            // Where the document allows null (back to the installation's order), it is taken.
            let reset = try await fixture.call(
                .put, "/v1/ai/settings", token: owner, json: ["order": NSNull(), "providers": [["provider": "openai", "model": NSNull()]]])
            #expect(reset.status == .ok, "\(reset.json)")
            // The same rule for every operation, from the document: a service's `active` is a boolean.
            let service = try await fixture.call(
                .post, "/v1/services", token: owner,
                json: ["code": "NULL001", "name": "Null", "durationMinutes": 30, "price": 10, "active": NSNull()])
            #expect(service.status == .unprocessableContent && service.problemType == "validation-failed", "\(service.json)")
            #expect((service.json["errors"] as? [[String: Any]])?.first?["pointer"] as? String == "/active")
            let ordered = try await fixture.call(.put, "/v1/ai/settings", token: owner, json: ["order": ["gemini", "openai"]])
            #expect((ordered.json["order"] as? [String]) == ["gemini", "openai"])
            #expect(
                (ordered.json["providers"] as? [[String: Any]])?.compactMap { $0["provider"] as? String } == [
                    "gemini", "openai", "anthropic",
                ])
            #expect((ordered.json["workspace"] as? [String: Any])?["order"] as? [String] == ["gemini", "openai"])
        }
    }
}
