import BulletinStore
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Synchronization

/// The live part of an event stream, written straight to its connection's channel.
///
/// The response's head, its opening and any replay go through the response's body writer
/// (Hummingbird's, or a ``ChannelResponseWriter`` on a connection an ``EventStreamInterceptor``
/// serves); after that, deliveries are written on the channel's event loop as they arrive. No
/// task wakes for a delivery (the stream's task only waits for its end): the broadcaster tells
/// each event loop once about all its streams with something waiting (``Wakeups``), and each
/// event's frame is wrapped in its HTTP/1.1 chunk once for all its subscribers
/// (``EncodedEvent/chunk``) and written beneath the HTTP encoder: one delivery is one buffer
/// shared by every stream, one write and one flush. That is what lets one node fan 100,000
/// deliveries a second out to a thousand streams (docs/benchmarks.md, "Realtime").
///
/// The server's HTTP/1 pipeline always frames a response without a length in chunks (both
/// writers answer HTTP/1.1), which is what the chunks written here continue; the HTTP encoder
/// then ends the response as usual.
///
/// **Order.** The body writer hands each write to the event loop before it returns, and the
/// event loop runs what it is handed in order, so the replay reaches the channel before the
/// first live write. At most one live write is in flight: deliveries that arrive meanwhile
/// wait in the mailbox and leave together in the next write. A client that stops reading
/// therefore fills its mailbox and is cut off as a slow consumer, as on a WebSocket.
final class EventStreamChannel: Sendable {
    private let channel: any Channel
    /// Where chunks enter the pipeline: the HTTP encoder's place, so they pass beneath it.
    private let encoder: NIOLoopBound<ChannelHandlerContext>
    private let subscription: Subscription
    /// The newest event ID written; live events at or below it came with the replay.
    private let lastSent: Mutex<Int64>
    /// Whether ``writeWaiting()`` is running, and whether a write it made completed meanwhile.
    private let writing: NIOLoopBoundBox<(active: Bool, again: Bool)>

    /// Made on the channel's event loop.
    private init(channel: any Channel, encoder: ChannelHandlerContext, subscription: Subscription, lastSent: Int64) {
        self.channel = channel
        self.encoder = NIOLoopBound(encoder, eventLoop: channel.eventLoop)
        self.subscription = subscription
        self.lastSent = Mutex(lastSent)
        self.writing = NIOLoopBoundBox((false, false), eventLoop: channel.eventLoop)
    }

    /// Prepares to write a subscription's live deliveries after `lastSent` to a channel. On a
    /// connection an ``EventStreamInterceptor`` serves, the server's quiescing ends the stream.
    /// - Throws: When the channel has closed, or has no HTTP/1 encoder to write beneath.
    static func open(channel: any Channel, subscription: Subscription, after lastSent: Int64) async throws -> EventStreamChannel {
        try await channel.eventLoop.submit {
            let pipeline = channel.pipeline.syncOperations
            try? pipeline.handler(type: EventStreamInterceptor.self).whenQuiescing { subscription.finish(.shutdown) }
            return EventStreamChannel(
                channel: channel, encoder: try pipeline.context(handlerType: HTTPResponseEncoder.self), subscription: subscription,
                lastSent: lastSent)
        }.get()
    }

    /// Writes live deliveries until the stream ends (graceful shutdown, seen by the task or by
    /// the connection's interceptor, and the task's cancellation end it too), then waits until
    /// the channel has been handed every write made here, so the body writer may write after it.
    /// - Returns: Why the stream ended.
    func run() async -> StreamEnd {
        subscription.whenWaiting(on: channel.eventLoop) { [self] in writeWaiting() }
        let end = await withGracefulShutdownHandler {
            await subscription.ended()
        } onGracefulShutdown: { [subscription] in
            subscription.finish(.shutdown)
        }
        try? await channel.eventLoop.submit {}.get()
        return end
    }

    /// Writes everything waiting and flushes once; when that write has gone, looks again.
    /// Runs on the channel's event loop.
    private func writeWaiting() {
        guard !writing.value.active else {
            writing.value.again = true
            return
        }
        writing.value.active = true
        defer { writing.value.active = false }
        let context = encoder.value
        while true {
            let deliveries = subscription.takeWaiting()
            if deliveries.isEmpty { return }
            // Each chunk is written as it is found; the last one found carries the promise.
            var held: ByteBuffer?
            lastSent.withLock { last in
                for delivery in deliveries {
                    let chunk: ByteBuffer
                    switch delivery {
                    case .event(let encoded) where encoded.event.id > last:
                        chunk = encoded.chunk
                        last = encoded.event.id
                    case .event:
                        continue
                    case .heartbeat:
                        chunk = ServerSentEvents.heartbeatChunk
                    }
                    if let earlier = held { context.write(NIOAny(IOData.byteBuffer(earlier)), promise: nil) }
                    held = chunk
                }
            }
            guard let last = held else { continue }
            let written = context.eventLoop.makePromise(of: Void.self)
            context.write(NIOAny(IOData.byteBuffer(last)), promise: written)
            context.flush()
            // A write the socket took at once completes here, re-entering this method, which
            // asks this loop to look again rather than recursing. A closed channel fails the
            // write, which ends the subscription.
            written.futureResult.whenComplete { [self] result in
                switch result {
                case .success: writeWaiting()
                case .failure: subscription.finish(.unsubscribed)
                }
            }
            guard writing.value.again else { return }
            writing.value.again = false
        }
    }
}
