import BulletinAI
import BulletinAIFakes
import BulletinApp
import BulletinCore
import BulletinReports
import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import Testing

@testable import BulletinServer

/// Reports written by language models, through the API with real workers and a local server
/// speaking the providers' wire formats: the chain in order, the offline writer last, the
/// fact guard, budgets, usage, and what admins are told.
@Suite("AI report writer")
struct AIWriterAPITests {
    /// The test configuration with each provider pointed at the fake, with the models named
    /// (a provider without a model name gets no key).
    static func providers(
        _ base: String, openAI: String? = nil, anthropic: String? = nil, gemini: String? = nil, key: String = FakeLanguageModels.key
    ) -> @Sendable (inout BulletinConfiguration) -> Void {
        { configuration in
            configuration.fetchAllowsLoopback = true
            for (kind, model) in [(ProviderKind.openAI, openAI), (.anthropic, anthropic), (.gemini, gemini)] {
                guard let model else { continue }
                configuration.languageModels[kind].baseURL = base
                configuration.languageModels[kind].model = model
                configuration.languageModels[kind].apiKey = ProviderKey(kind == .openAI ? key : FakeLanguageModels.key)
            }
        }
    }

    /// Creates the test project and waits for its first report; returns the project ID, the
    /// run ID, and the report's document.
    static func report(_ fixture: AccessFixture, site: String) async throws -> (project: String, run: String, document: [String: Any]) {
        let created = try await fixture.call(
            .post, "/v1/projects", token: fixture[.editor].accessToken, json: ReportsAPITests.project(site))
        #expect(created.status == .created, "\(created.json)")
        let projectID = try #require(created.json["id"] as? String)
        let runID = try #require((created.json["latestRun"] as? [String: Any])?["id"] as? String)
        return (projectID, runID, try await document(fixture, run: runID, project: projectID))
    }

    /// Waits for the run to be ready and reads its report's document.
    static func document(_ fixture: AccessFixture, run runID: String, project projectID: String) async throws -> [String: Any] {
        let run = try await ReportsAPITests.waitForRun(fixture, runID, in: ["ready", "failed"])
        #expect(run["state"] as? String == "ready", "\(run)")
        let reportID = try #require(run["reportId"] as? String)
        let json = try await fixture.call(
            .get, "/v1/projects/\(projectID)/reports/\(reportID)?format=json", token: fixture[.viewer].accessToken)
        return try #require(json.json["document"] as? [String: Any])
    }

    /// Who wrote each part, and the reasons for any fallback.
    static func authorship(_ document: [String: Any]) -> [(part: String, writer: String, fallbacks: [String])] {
        (document["authorship"] as? [[String: Any]] ?? []).map {
            ($0["part"] as? String ?? "", $0["writer"] as? String ?? "", $0["fallbacks"] as? [String] ?? [])
        }
    }

    /// The notification types the owner has, newest first.
    static func ownerNotifications(_ fixture: AccessFixture) async throws -> [String] {
        let list = try await fixture.call(.get, "/v1/notifications", token: fixture[.owner].accessToken)
        return (list.json["items"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? String }
    }

    @Test(
        "with an OpenAI key, the model writes every part, the text streams as run.text, and usage lists the calls per provider",
        arguments: TestDatabases.dialects)
    func writtenByTheModel(dialect: SQLDialect) async throws {
        try await FakeLanguageModels.run { base, fake in
            try await PeerSite.run { site in
                try await AccessFixture.run(dialect, configure: Self.providers(base, openAI: "writer"), live: true) { fixture in
                    let (projectID, runID, document) = try await Self.report(fixture, site: site)
                    let authorship = Self.authorship(document)
                    // The summary and one section per participant, each by the model, none after a fallback.
                    #expect(authorship.map(\.part) == ["Summary", "Inkwell", "Bear", "Obsidian"])
                    #expect(authorship.allSatisfy { $0.writer == "OpenAI writer-2026" && $0.fallbacks.isEmpty }, "\(authorship)")
                    #expect(fake.requests.count == 4 && fake.requests.allSatisfy { $0.path == "/v1/chat/completions" })
                    // The facts went with each request; the draft came back, so the text is the offline writer's.
                    let asked = try #require(String(data: fake.requests[0].body, encoding: .utf8))
                    #expect(asked.contains("FACTS:") && asked.contains("DRAFT:") && asked.contains("Obsidian"))
                    #expect((document["summary"] as? [String])?.first?.contains("This report compares Inkwell") == true)

                    let events = try await EventLog(database: fixture.database).events(after: 0, topics: ["run:\(runID)"], limit: 200)
                    let texts = events.filter { $0.type == "run.text" }
                    #expect(!texts.isEmpty)
                    #expect(texts.allSatisfy { $0.payload.contains("\"part\"") && $0.payload.contains(runID) })
                    // The project's topic carries the stages only, not every piece of text.
                    let projectEvents = try await EventLog(database: fixture.database).events(
                        after: 0, topics: ["project:\(projectID)"], limit: 200)
                    #expect(!projectEvents.contains { $0.type == "run.text" })

                    let html = try await fixture.call(
                        .get, "/v1/projects/\(projectID)/reports/latest?format=markdown", token: fixture[.viewer].accessToken)
                    #expect(html.text.contains("## How this report was written") && html.text.contains("- Bear: OpenAI writer-2026"))

                    let usage = try await fixture.call(.get, "/v1/usage?groupBy=provider", token: fixture[.owner].accessToken)
                    #expect(usage.status == .ok, "\(usage.json)")
                    let items = try #require(usage.json["items"] as? [[String: Any]])
                    #expect(items.count == 1 && items.first?["key"] as? String == "openai" && items.first?["calls"] as? Int == 4)
                    #expect((items.first?["costMicrodollars"] as? Int ?? 0) > 0 && (items.first?["inputTokens"] as? Int ?? 0) > 0)
                    let total = try #require(usage.json["total"] as? [String: Any])
                    #expect(total["calls"] as? Int == 4 && total["failedCalls"] as? Int == 0)
                    let budget = try #require(usage.json["budget"] as? [String: Any])
                    #expect(budget["spentMicrodollars"] as? Int == total["costMicrodollars"] as? Int)
                    let byProject = try await fixture.call(.get, "/v1/usage?groupBy=project", token: fixture[.admin].accessToken)
                    #expect((byProject.json["items"] as? [[String: Any]])?.first?["key"] as? String == projectID)

                    // Only admins read what was spent; an unknown grouping is refused; a range
                    // that ends before it starts holds no calls.
                    let forEditor = try await fixture.call(.get, "/v1/usage", token: fixture[.editor].accessToken)
                    #expect(forEditor.status == .forbidden && forEditor.problemType == "forbidden")
                    let badGroup = try await fixture.call(.get, "/v1/usage?groupBy=week", token: fixture[.owner].accessToken)
                    #expect(badGroup.status == .badRequest, "\(badGroup.json)")
                    let backwards = try await fixture.call(
                        .get, "/v1/usage?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", token: fixture[.owner].accessToken)
                    #expect(backwards.status == .ok && (backwards.json["items"] as? [[String: Any]])?.isEmpty == true)
                    // Regenerated twice from unchanged pages: the second time the facts match the
                    // first regeneration's, so every answer is reused, recorded as cached, at no cost.
                    for expectedRequests in [8, 8] {
                        let again = try await fixture.call(
                            .post, "/v1/projects/\(projectID)/reports", token: fixture[.editor].accessToken, json: [:])
                        let rerun = try #require(again.json["id"] as? String)
                        let rewritten = Self.authorship(try await Self.document(fixture, run: rerun, project: projectID))
                        #expect(rewritten.allSatisfy { $0.writer == "OpenAI writer-2026" }, "\(rewritten)")
                        #expect(fake.requests.count == expectedRequests)
                    }
                    let cached = try await fixture.call(.get, "/v1/usage?groupBy=provider", token: fixture[.owner].accessToken)
                    let cachedTotal = try #require(cached.json["total"] as? [String: Any])
                    #expect(cachedTotal["calls"] as? Int == 12 && cachedTotal["cachedCalls"] as? Int == 4)
                    #expect(cachedTotal["costMicrodollars"] as? Int ?? 0 < 3 * (total["costMicrodollars"] as? Int ?? 0))

                    // Another workspace sees none of it.
                    let outsider = try await fixture.call(.get, "/v1/usage?groupBy=provider", token: fixture.outsider.accessToken)
                    #expect((outsider.json["items"] as? [[String: Any]])?.isEmpty == true)
                }
            }
        }
    }

    @Test(
        "a refused key goes to the next provider at once and tells the admins; with every provider down, the offline writer finishes and says why"
    )
    func fallsBackThenOffline() async throws {
        try await FakeLanguageModels.run { base, fake in
            try await PeerSite.run { site in
                let configure = Self.providers(base, openAI: "writer", anthropic: "writer", key: "sk-wrong-key-1234")
                try await AccessFixture.run(.sqlite, configure: configure, live: true) { fixture in
                    let (projectID, _, document) = try await Self.report(fixture, site: site)
                    let authorship = Self.authorship(document)
                    #expect(authorship.count == 4)
                    #expect(
                        authorship.allSatisfy { $0.writer == "Anthropic writer" && $0.fallbacks == ["OpenAI writer: HTTP 401"] },
                        "\(authorship)")
                    #expect(try await Self.ownerNotifications(fixture).contains("ai.provider-refused"))

                    // The providers go down: a new report is written offline, and says why.
                    fake.setDown(true)
                    let again = try await fixture.call(
                        .post, "/v1/projects/\(projectID)/reports", token: fixture[.editor].accessToken, json: [:])
                    let runID = try #require(again.json["id"] as? String)
                    let offline = Self.authorship(try await Self.document(fixture, run: runID, project: projectID))
                    #expect(offline.count == 4 && offline.allSatisfy { $0.writer == "Offline writer" }, "\(offline)")
                    #expect(offline.allSatisfy { entry in entry.fallbacks.contains { $0.hasPrefix("Anthropic writer: ") } }, "\(offline)")
                    let usage = try await fixture.call(.get, "/v1/usage?groupBy=provider", token: fixture[.owner].accessToken)
                    let failed = (usage.json["items"] as? [[String: Any]] ?? []).reduce(0) { $0 + ($1["failedCalls"] as? Int ?? 0) }
                    #expect(failed >= 4)

                    // Keys appear nowhere: not in the report, the usage, the events or the audit trail.
                    let audit = try await fixture.call(.get, "/v1/audit", token: fixture[.owner].accessToken)
                    let events = try await EventLog(database: fixture.database).events(
                        after: 0, topics: ["project:\(projectID)"], limit: 500)
                    for text in [audit.text, usage.text, "\(document)"] + events.map(\.payload) {
                        #expect(!text.contains("sk-wrong-key-1234") && !text.contains(FakeLanguageModels.key))
                    }
                }
            }
        }
    }

    @Test("a number the facts do not hold is asked again once, then the next model writes the part")
    func factGuard() async throws {
        try await FakeLanguageModels.run { base, fake in
            try await PeerSite.run { site in
                let configure = Self.providers(base, openAI: "inventive", anthropic: "careless")
                try await AccessFixture.run(.sqlite, configure: configure, live: true) { fixture in
                    let (_, _, document) = try await Self.report(fixture, site: site)
                    let authorship = Self.authorship(document)
                    // OpenAI invented a number twice; Anthropic invented it once, and was corrected.
                    #expect(
                        authorship.allSatisfy {
                            $0.writer == "Anthropic careless"
                                && $0.fallbacks == ["OpenAI inventive-2026: stated numbers not in the analysis twice (987654)"]
                        }, "\(authorship)")
                    let written = "\(document["summary"] ?? "") \(document["sections"] ?? "")"
                    #expect(!written.contains(FakeLanguageModels.inventedNumber))
                    let corrections = fake.requests.filter {
                        String(decoding: $0.body, as: UTF8.self).contains(FakeLanguageModels.correctionMarker)
                    }
                    #expect(fake.requests.count == 16 && corrections.count == 8)
                }
            }
        }
    }

    @Test("a budget too small for any call: no call is made, the offline writer writes, and the admins are told")
    func budget() async throws {
        try await FakeLanguageModels.run { base, fake in
            try await PeerSite.run { site in
                let providers = Self.providers(base, openAI: "writer", gemini: "writer")
                try await AccessFixture.run(
                    .sqlite,
                    configure: { configuration in
                        providers(&configuration)
                        configuration.writingPolicy.monthlyMicrodollars = 100
                    }, live: true
                ) { fixture in
                    let (_, _, document) = try await Self.report(fixture, site: site)
                    let authorship = Self.authorship(document)
                    #expect(
                        authorship.allSatisfy {
                            $0.writer == "Offline writer"
                                && $0.fallbacks == ["OpenAI writer: over the budget", "Gemini writer: over the budget"]
                        }, "\(authorship)")
                    #expect(fake.requests.isEmpty)
                    #expect(try await Self.ownerNotifications(fixture).contains("ai.budget-reached"))
                    let usage = try await fixture.call(.get, "/v1/usage", token: fixture[.owner].accessToken)
                    #expect((usage.json["budget"] as? [String: Any])?["monthlyMicrodollars"] as? Int == 100)
                    #expect((usage.json["total"] as? [String: Any])?["calls"] as? Int == 0)
                }
            }
        }
    }

    @Test("cancelling a run while a model writes closes the model's streams")
    func cancellation() async throws {
        try await FakeLanguageModels.run { base, fake in
            try await PeerSite.run { site in
                try await AccessFixture.run(.sqlite, configure: Self.providers(base, openAI: "endless"), live: true) { fixture in
                    let editor = fixture[.editor].accessToken
                    let created = try await fixture.call(.post, "/v1/projects", token: editor, json: ReportsAPITests.project(site))
                    let runID = try #require((created.json["latestRun"] as? [String: Any])?["id"] as? String)
                    try await waitUntil("the model streams") { fake.openStreams > 0 }
                    let cancelled = try await fixture.call(.post, "/v1/runs/\(runID)/cancel", token: editor, json: [:])
                    #expect(cancelled.status == .ok && cancelled.json["state"] as? String == "cancelled", "\(cancelled.json)")
                    // Every stream is closed by Bulletin, none read to its end.
                    try await waitUntil("the streams are closed") { fake.openStreams == 0 }
                    #expect(fake.cutStreams > 0 && fake.finishedStreams == 0)
                    let run = try await fixture.call(.get, "/v1/runs/\(runID)", token: editor)
                    #expect(run.json["state"] as? String == "cancelled")
                }
            }
        }
    }
}
