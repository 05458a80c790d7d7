import BulletinCore
import BulletinStore
import Foundation
import HummingbirdWebSocket
import NIOWebSocket
import Synchronization

/// One WebSocket's realtime protocol (docs/realtime.md). The client sends JSON messages
/// `subscribe` (an `id` it chooses, `topics`, and optionally `since`, the last event ID it
/// has), `unsubscribe` (`id`) and `ping`; the server answers with `ready`, `subscribed`,
/// `event`, `reset`, `unsubscribed`, `pong` and `error` (an RFC 9457 problem).
///
/// Each subscription is a feed of ``RealtimeSessions`` (the same events, IDs, checks and resume
/// as server-sent events) played by its own task; its events arrive in ID order. A bad message
/// gets an `error` and the connection stays open; a subscription the server ends (a slow
/// consumer, shutdown) closes the connection, and the client resumes with `since`.
final class WebSocketConnection: Sendable {
    /// The largest message a client may send.
    static let maximumMessageSize = 16 * 1024
    /// The close code for a connection the server ended that the client should reopen later
    /// (1013, "try again later").
    static let tryAgainLater = WebSocketErrorCode(codeNumber: 1013)

    private struct Running: Sendable {
        let feed: RealtimeSessions.Feed
        let task: Task<Void, Never>
    }

    private let principal: Principal
    private let sessions: RealtimeSessions
    private let outbound: WebSocketOutboundWriter
    private let requestID: BulletinCore.RequestID
    /// Open subscriptions by the client's ID.
    private let running = Mutex<[String: Running]>([:])

    init(principal: Principal, sessions: RealtimeSessions, outbound: WebSocketOutboundWriter, requestID: BulletinCore.RequestID) {
        self.principal = principal
        self.sessions = sessions
        self.outbound = outbound
        self.requestID = requestID
    }

    /// Answers the client's messages until it closes the connection, then ends its subscriptions.
    func run(_ inbound: WebSocketInboundStream) async {
        await send(Ready(userId: principal.userID, workspaceId: principal.workspaceID, requestId: requestID.value))
        do {
            for try await message in inbound.messages(maxSize: Self.maximumMessageSize) {
                guard case .text(let text) = message else {
                    await sendError(APIError(.badRequest, detail: "Send JSON text messages."), subscription: nil)
                    continue
                }
                await handle(text)
            }
        } catch {
            // The client broke the protocol (such as a message over the limit); the socket closes.
        }
        let subscriptions = running.withLock { running in
            defer { running = [:] }
            return Array(running.values)
        }
        for subscription in subscriptions { subscription.feed.subscription.finish(.unsubscribed) }
        for subscription in subscriptions { await subscription.task.value }
    }

    private func handle(_ text: String) async {
        let message: ClientMessage
        do {
            message = try JSONDecoder().decode(ClientMessage.self, from: Data(text.utf8))
        } catch {
            await sendError(
                APIError(.badRequest, detail: "A message is a JSON object whose type is subscribe, unsubscribe or ping."),
                subscription: nil)
            return
        }
        do {
            switch message.type {
            case "ping": await send(Pong(id: message.id))
            case "subscribe": try await subscribe(message)
            case "unsubscribe": try unsubscribe(message)
            default:
                throw APIError(.badRequest, detail: "Unknown message type \(message.type): use subscribe, unsubscribe or ping.")
            }
        } catch let error as APIError {
            await sendError(error, subscription: message.id)
        } catch {
            await sendError(APIError(.internalError), subscription: message.id)
        }
    }

    private func subscribe(_ message: ClientMessage) async throws {
        let id = try Self.subscriptionID(message.id)
        let names = message.topics ?? []
        let (taken, following) = running.withLock { running in
            (running[id] != nil, running.values.reduce(0) { $0 + $1.feed.subscription.topics.count })
        }
        guard !taken else {
            throw APIError(.badRequest, detail: "Subscription \(id) is open: unsubscribe first, or choose another id.")
        }
        guard following + names.count <= Topic.maximumPerStream else {
            throw APIError(.badRequest, detail: "A connection follows at most \(Topic.maximumPerStream) topics.")
        }
        let topics = try await sessions.authorisedTopics(names, for: principal)
        let feed = await sessions.subscribe(topics, principal: principal)
        await send(Subscribed(id: id, topics: topics.sorted(), cursor: String(feed.subscribed.cursor)))
        running.withLock { running in
            running[id] = Running(feed: feed, task: Task { await self.play(feed, subscription: id, after: message.since?.value) })
        }
    }

    private func unsubscribe(_ message: ClientMessage) throws {
        let id = try Self.subscriptionID(message.id)
        guard let subscription = running.withLock({ $0.removeValue(forKey: id) }) else {
            throw APIError(.badRequest, detail: "There is no subscription \(id) on this connection.")
        }
        subscription.feed.subscription.finish(.unsubscribed)
    }

    /// Plays one subscription until it ends, then says why.
    private func play(_ feed: RealtimeSessions.Feed, subscription id: String, after since: Int64?) async {
        var sink = Sink(subscription: id, outbound: outbound)
        let end: StreamEnd?
        do {
            end = try await sessions.play(feed, after: since, into: &sink)
        } catch {
            end = nil
        }
        sessions.end(feed)
        running.withLock { running in
            if running[id]?.feed.subscribed.id == feed.subscribed.id { running[id] = nil }
        }
        switch end {
        case .unsubscribed:
            await send(Unsubscribed(id: id))
        case .slowConsumer:
            await sendError(APIError(.slowConsumer), subscription: id)
            try? await outbound.close(Self.tryAgainLater, reason: ProblemType.slowConsumer.slug)
        case .shutdown:
            try? await outbound.close(.normalClosure, reason: "shutting down")
        case nil:
            await sendError(APIError(.internalError, detail: "The subscription failed; subscribe again with since."), subscription: id)
        }
    }

    private func send(_ message: some Encodable) async {
        guard let text = try? JSONText.encode(message) else { return }
        try? await outbound.writeTextMessage(text)
    }

    private func sendError(_ error: APIError, subscription: String?) async {
        await send(Self.errorMessage(error, subscription: subscription, requestID: requestID))
    }

    /// An `error` message: the problem, and the subscription it concerns.
    static func errorMessage(_ error: APIError, subscription: String?, requestID: BulletinCore.RequestID) -> ErrorMessage {
        ErrorMessage(id: subscription, problem: ProblemDocument(error: error, instance: WebSocketRoute.path, requestID: requestID))
    }

    /// A subscription ID: 1 to 64 letters, digits and `-_.:`.
    private static func subscriptionID(_ id: String?) throws -> String {
        guard let id, (1...64).contains(id.count),
            id.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.:".unicodeScalars.contains($0)) })
        else {
            throw APIError(.badRequest, detail: "Name the subscription with an id of 1 to 64 letters, digits, '-', '_', '.' or ':'.")
        }
        return id
    }

    /// Writes one subscription's feed as `event` and `reset` messages.
    private struct Sink: FeedSink {
        let subscription: String
        let outbound: WebSocketOutboundWriter

        func send(_ items: [FeedItem]) async throws {
            for item in items { try await send(item) }
        }

        private func send(_ item: FeedItem) async throws {
            switch item {
            case .event(let encoded):
                let message = #"{"event":\#(encoded.envelope),"subscription":\#(ServerSentEvents.json(subscription)),"type":"event"}"#
                try await outbound.writeTextMessage(message)
            case .reset(let lastEventID, let resumeAt):
                let reset = Reset(
                    subscription: subscription, id: String(resumeAt), lastEventId: String(lastEventID),
                    reason: ServerSentEvents.resetReason)
                try await outbound.writeTextMessage(try JSONText.encode(reset))
            case .heartbeat:
                break  // WebSocket pings keep the connection alive
            }
        }
    }
}

/// A message from the client.
struct ClientMessage: Decodable {
    let type: String
    let id: String?
    let topics: [String]?
    let since: EventIDText?
}

/// An event ID as the client gives it: a string of digits (as the server sends IDs) or a number.
struct EventIDText: Decodable {
    let value: Int64

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int64.self), number >= 0 {
            value = number
        } else if let number = Int64(try container.decode(String.self)), number >= 0 {
            value = number
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "An event ID is a number of 0 or more.")
        }
    }
}

/// The first message on a connection: who the server took the client to be.
struct Ready: Encodable {
    var type = "ready"
    let userId: String
    let workspaceId: String
    let requestId: String
}

/// A subscription began; its events are those after `cursor` (and after `since`, when given).
struct Subscribed: Encodable {
    var type = "subscribed"
    let id: String
    let topics: [String]
    let cursor: String
}

/// A subscription ended at the client's request; no more of its events follow.
struct Unsubscribed: Encodable {
    var type = "unsubscribed"
    let id: String
}

/// Events after `lastEventId` were missed: refetch state, then continue after `id`.
struct Reset: Encodable {
    var type = "reset"
    let subscription: String
    let id: String
    let lastEventId: String
    let reason: String
}

/// The answer to a `ping`.
struct Pong: Encodable {
    var type = "pong"
    let id: String?
}

/// A problem with a message, a subscription or the connection.
struct ErrorMessage: Encodable {
    var type = "error"
    let id: String?
    let problem: ProblemDocument
}
