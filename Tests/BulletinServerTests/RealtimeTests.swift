import BulletinCore
import BulletinJobs
import BulletinServerTestSupport
import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Prometheus
import Synchronization
import Testing

@testable import BulletinServer

@Suite("Realtime: event stream")
struct RealtimeTests {
    /// The stream's URL on the fixture's live server.
    static func url(_ fixture: AccessFixture, topics: [String], query: String = "") -> String {
        let port = fixture.client.port!
        let topicQuery = topics.map { "topic=" + $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }
        return "http://127.0.0.1:\(port)/v1/events?" + (topicQuery + (query.isEmpty ? [] : [query])).joined(separator: "&")
    }

    /// Appends `count` events on a topic straight into the log, as a change would.
    static func append(_ count: Int, topic: String, fixture: AccessFixture) async throws -> [Int64] {
        var ids: [Int64] = []
        for index in 0..<count {
            let id = try await fixture.database.transaction { executor in
                try await EventLog(database: executor).append(
                    NewEvent(
                        workspaceID: fixture.workspaceID, topic: topic, type: "test.event", payload: #"{"n":\#(index)}"#,
                        requestID: nil),
                    now: Date())
            }
            ids.append(id)
        }
        return ids
    }

    @Test("a member subscribed to the workspace topic sees an invitation as it happens", arguments: TestDatabases.dialects)
    func invitationArrives(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect, live: true) { fixture in
            let viewer = fixture[.viewer].accessToken
            let stream = try await EventStreamClient.connect(
                Self.url(fixture, topics: ["workspace:\(fixture.workspaceID)"]), headers: [("Authorization", "Bearer \(viewer)")])
            #expect(stream.status == 200)
            #expect(stream.contentType == "text/event-stream")
            let invited = try await fixture.call(
                .post, "/v1/invitations", token: fixture[.admin].accessToken, json: ["email": "new@acme.test", "role": "viewer"])
            #expect(invited.status == .created)
            let events = try await stream.next(1, only: ["invitation.create"])
            #expect(events.first?.type == "invitation.create")
            let data = try #require(events.first?.data.data(using: .utf8))
            let envelope = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(envelope["topic"] as? String == "workspace:\(fixture.workspaceID)")
            #expect(envelope["id"] as? String == events.first?.lastEventID)
            let payload = try #require(envelope["payload"] as? [String: Any])
            #expect(payload["action"] as? String == "invitation.create")
            // The audit summary (the address invited) is for admins, not for the topic's viewers.
            #expect(!events[0].data.contains("new@acme.test"))
            stream.close()
        }
    }

    @Test("resuming from any event ID replays exactly the later events, then continues live")
    func resumeExactness() async throws {
        try await AccessFixture.run(.sqlite, live: true) { fixture in
            let token = fixture[.viewer].accessToken
            // The viewer's own topic, which no audited change of the fixture writes to.
            let topic = "user:\(fixture[.viewer].id)"
            var ids = try await Self.append(40, topic: topic, fixture: fixture)
            // Events of another topic in between never show up.
            _ = try await Self.append(5, topic: "user:someone-else", fixture: fixture)
            var generator = SystemRandomNumberGenerator()
            for _ in 0..<12 {
                let cut = Int.random(in: 0..<40, using: &generator)
                let resumeFrom = cut == 0 ? ids[0] - 1 : ids[cut - 1]
                let stream = try await EventStreamClient.connect(
                    Self.url(fixture, topics: [topic]),
                    headers: [("Authorization", "Bearer \(token)"), ("Last-Event-ID", String(resumeFrom))])
                let expected = ids.filter { $0 > resumeFrom }
                let replayed = try await stream.next(expected.count, only: ["test.event"])
                #expect(replayed.map(\.lastEventID) == expected.map(String.init), "resumed after \(resumeFrom)")
                let live = try await Self.append(2, topic: topic, fixture: fixture)
                let next = try await stream.next(2, only: ["test.event"])
                #expect(next.map(\.lastEventID) == live.map(String.init))
                ids += live
                stream.close()
            }
        }
    }

    @Test("an ID older than the retained log yields reset, then the stream continues", arguments: TestDatabases.dialects)
    func resetOnExpiredID(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect, live: true) { fixture in
            let topic = "user:\(fixture[.viewer].id)"
            let old = try await Self.append(3, topic: topic, fixture: fixture)
            try await EventLog(database: fixture.database).prune(before: Date().addingTimeInterval(60))
            let stream = try await EventStreamClient.connect(
                Self.url(fixture, topics: [topic], query: "lastEventId=\(old[0])"),
                headers: [("Authorization", "Bearer \(fixture[.viewer].accessToken)")])
            let first = try await stream.next(1, only: ["reset", "test.event"])
            #expect(first.first?.type == "reset")
            let resetID = try #require(Int64(first.first?.lastEventID ?? ""))
            #expect(resetID >= old[2])
            let live = try await Self.append(1, topic: topic, fixture: fixture)
            #expect(try await stream.next(1, only: ["test.event"]).map(\.lastEventID) == live.map(String.init))
            stream.close()
        }
    }

    @Test("topics the caller may not follow are refused before anything streams")
    func permissions() async throws {
        try await AccessFixture.run(.sqlite, live: true) { fixture in
            let viewer = fixture[.viewer]
            func open(_ topics: [String], token: String) async throws -> Reply {
                var path = "/v1/events?" + topics.map { "topic=\($0)" }.joined(separator: "&")
                if topics.isEmpty { path = "/v1/events" }
                return try await fixture.call(.get, path, token: token)
            }
            let otherWorkspace = try await open(["workspace:ws_globex"], token: viewer.accessToken)
            #expect(otherWorkspace.status == .forbidden && otherWorkspace.problemType == "topic-forbidden")
            let otherUser = try await open(["user:\(fixture[.admin].id)"], token: viewer.accessToken)
            #expect(otherUser.status == .forbidden && otherUser.problemType == "topic-forbidden")
            // Viewers may not follow jobs; and an unknown job is refused like a forbidden one.
            let job = try await open(["job:999999"], token: fixture[.editor].accessToken)
            #expect(job.status == .forbidden && job.problemType == "topic-forbidden")
            let unknownJob = try await open(["job:1"], token: viewer.accessToken)
            #expect(unknownJob.status == .forbidden && unknownJob.problemType == "topic-forbidden")
            // A project topic needs a project of the caller's workspace.
            let unknownProject = try await open(["project:nothing"], token: viewer.accessToken)
            #expect(unknownProject.status == .forbidden && unknownProject.problemType == "topic-forbidden")
            let project = try await fixture.call(.post, "/v1/projects", token: fixture[.editor].accessToken, json: ProjectsAPITests.body())
            let projectTopic = "project:\(try #require(project.json["id"] as? String))"
            let foreignProject = try await open([projectTopic], token: fixture.outsider.accessToken)
            #expect(foreignProject.status == .forbidden && foreignProject.problemType == "topic-forbidden")
            let nonsense = try await open(["nonsense"], token: viewer.accessToken)
            #expect(nonsense.status == .badRequest && nonsense.problemType == "bad-request")
            let noTopic = try await open([], token: viewer.accessToken)
            #expect(noTopic.status == .badRequest && noTopic.problemType == "bad-request")
            let anonymous = try await fixture.call(.get, "/v1/events?topic=user:\(viewer.id)")
            #expect(anonymous.status == .unauthorized && anonymous.problemType == "unauthenticated")
        }
    }

    /// On PostgreSQL tickets are shared rows; on SQLite, the node's memory: the same rules.
    @Test("a ticket opens one stream, once, as its owner, within its minute", arguments: TestDatabases.dialects)
    func tickets(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect, live: true) { fixture in
            let viewer = fixture[.viewer]
            // (The live test client sends a chunked body with every POST, so an empty JSON one.)
            let issued = try await fixture.call(.post, "/v1/realtime/tickets", token: viewer.accessToken, json: [String: String]())
            #expect(issued.status == .created)
            let ticket = try #require(issued.json["ticket"] as? String)
            let url = Self.url(fixture, topics: ["user:\(viewer.id)"], query: "ticket=\(ticket)")
            let stream = try await EventStreamClient.connect(url)
            #expect(stream.status == 200)
            stream.close()
            let again = try await EventStreamClient.connect(url)
            #expect(again.status == 401)
            #expect(try await again.problemType() == "unauthenticated")
            // A ticket only opens streams.
            let misuse = try await fixture.call(.get, "/v1/me?ticket=\(ticket)")
            #expect(misuse.status == .unauthorized && misuse.problemType == "unauthenticated")
            // A ticket left past its minute opens nothing.
            let late = try await fixture.call(.post, "/v1/realtime/tickets", token: viewer.accessToken, json: [String: String]())
            let lateTicket = try #require(late.json["ticket"] as? String)
            fixture.clock.advance(by: 61)
            let expired = try await EventStreamClient.connect(
                Self.url(fixture, topics: ["user:\(viewer.id)"], query: "ticket=\(lateTicket)"))
            #expect(expired.status == 401)
            #expect(try await expired.problemType() == "unauthenticated")
        }
    }

    @Test("a workspace job's progress and outcome reach the subscribers of its topic", arguments: TestDatabases.dialects)
    func jobTopic(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect, live: true) { fixture in
            var sleep = try NewJob(SleepJob.self, arguments: .init(milliseconds: 100))
            sleep.workspaceID = fixture.workspaceID
            let job = try await JobRepository(database: fixture.database).enqueue(sleep, now: fixture.clock.wallClock.now())
            // From the start of the log, so the claim is seen even if it came first.
            let stream = try await EventStreamClient.connect(
                Self.url(fixture, topics: ["job:\(job.id)"], query: "lastEventId=0"),
                headers: [("Authorization", "Bearer \(fixture[.editor].accessToken)")])
            #expect(stream.status == 200)
            let events = try await stream.next(12, only: ["job.running", "job.progress", "job.completed"])
            #expect(events.map(\.type) == ["job.running"] + Array(repeating: "job.progress", count: 10) + ["job.completed"])
            let last = try #require(try JSONSerialization.jsonObject(with: Data(events[10].data.utf8)) as? [String: Any])
            #expect((last["payload"] as? [String: Any])?["progress"] as? Double == 1)
            stream.close()
        }
    }

    @Test("a subscriber that stops reading is cut off while others keep flowing")
    func slowConsumer() async throws {
        try await TestDatabases.withDatabase(.sqlite) { database in
            try await Migrator().migrate(database)
            let metrics = RealtimeMetrics(registry: .init())
            let broadcaster = EventBroadcaster(database: database, metrics: metrics, clock: .system, logger: TestDatabases.logger)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await broadcaster.run() }
                let slow = await broadcaster.subscribe(topics: ["t"])
                let fast = await broadcaster.subscribe(topics: ["t"])
                let total = EventBroadcaster.bufferCapacity + 200
                let received = Mutex(0)
                let reader = Task {
                    while received.withLock({ $0 }) < total, case let deliveries = await fast.subscription.next(), !deliveries.isEmpty {
                        let events = deliveries.filter { if case .event = $0 { true } else { false } }.count
                        received.withLock { $0 += events }
                    }
                }
                // In steps the reading subscriber keeps up with, however loaded the machine;
                // the other reads nothing, so its mailbox overflows.
                for step in stride(from: 0, to: total, by: 200) {
                    try await database.transaction { executor in
                        for index in step..<step + 200 {
                            try await EventLog(database: executor).append(
                                NewEvent(workspaceID: "w", topic: "t", type: "e", payload: #"{"n":\#(index)}"#, requestID: nil),
                                now: Date())
                        }
                    }
                    try await waitUntil("the reading subscriber has the step's events") { received.withLock { $0 } == step + 200 }
                }
                await reader.value
                #expect(fast.subscription.end == nil)
                try await waitUntil("the slow subscriber is cut off") { slow.subscription.end == .slowConsumer }
                group.cancelAll()
            }
        }
    }
}

@Suite("Realtime: presence")
struct PresenceTests {
    @Test("streams make their users present on each topic, with join and leave events", arguments: TestDatabases.dialects)
    func presence(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect, live: true) { fixture in
            let topic = "workspace:\(fixture.workspaceID)"
            let url = RealtimeTests.url(fixture, topics: [topic])
            let viewer = fixture[.viewer]
            let editor = fixture[.editor]
            let watching = try await EventStreamClient.connect(url, headers: [("Authorization", "Bearer \(viewer.accessToken)")])
            let joining = try await EventStreamClient.connect(url, headers: [("Authorization", "Bearer \(editor.accessToken)")])
            var joined = try await watching.next(1, only: ["presence.join"])
            if joined.first?.data.contains(viewer.id) == true {  // its own join, if it came live
                joined = try await watching.next(1, only: ["presence.join"])
            }
            #expect(joined.first?.data.contains(editor.id) == true)

            let listed = try await fixture.call(.get, "/v1/presence?topic=\(topic)", token: viewer.accessToken)
            #expect(listed.status == .ok)
            let users = (listed.json["users"] as? [[String: Any]])?.compactMap { $0["userId"] as? String }
            #expect(Set(users ?? []) == [viewer.id, editor.id])
            let foreignPresence = try await fixture.call(.get, "/v1/presence?topic=workspace:ws_other", token: viewer.accessToken)
            #expect(foreignPresence.status == .forbidden && foreignPresence.problemType == "topic-forbidden")

            // The editor goes away; the server notices when it next writes to the stream.
            joining.close()
            try await waitUntil("the editor's stream is gone", limit: .seconds(20), interval: .milliseconds(200)) {
                _ = try await RealtimeTests.append(1, topic: topic, fixture: fixture)
                let now = try await fixture.call(.get, "/v1/presence?topic=\(topic)", token: viewer.accessToken)
                return (now.json["users"] as? [[String: Any]])?.count == 1
            }
            var sawLeave = false
            while !sawLeave, let event = try await watching.next(1, only: ["presence.leave"]).first {
                sawLeave = event.type == "presence.leave" && event.data.contains(editor.id)
            }
            #expect(sawLeave)
            watching.close()
        }
    }

    @Test("presence not refreshed by its node is swept, with a leave")
    func sweep() async throws {
        try await TestDatabases.withDatabase(.sqlite) { database in
            try await Migrator().migrate(database)
            let presence = PresenceRepository(database: database)
            let start = Date()
            try await presence.join(connectionID: "c1", nodeID: "n1", topics: ["t"], workspaceID: "w", userID: "u1", now: start)
            try await presence.join(connectionID: "c2", nodeID: "n2", topics: ["t"], workspaceID: "w", userID: "u2", now: start)
            try await presence.touch(nodeID: "n2", now: start.addingTimeInterval(40))
            #expect(try await presence.sweep(now: start.addingTimeInterval(50)) == 1)
            #expect(try await presence.users(on: "t", now: start.addingTimeInterval(50)).map(\.userID) == ["u2"])
            let events = try await EventLog(database: database).events(after: 0, limit: 10)
            #expect(events.map(\.type) == ["presence.join", "presence.join", "presence.leave"])
            #expect(events.last?.payload == #"{"userId":"u1"}"#)
        }
    }
}
