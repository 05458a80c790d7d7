import BulletinStore
import NIOCore
import NIOHTTP1
import ServiceLifecycle

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
/// first live write. Deliveries are written while the channel is writable (less than NIO's
/// high-water mark, 64 KiB, waiting to go); once it is not, they wait in the mailbox until
/// what was written has gone, then leave together. A client that stops reading therefore
/// fills its mailbox and is cut off as a slow consumer, as on a WebSocket.
final class EventStreamChannel: Sendable {
    private let channel: any Channel
    /// Where chunks enter the pipeline: the HTTP encoder's place, so they pass beneath it.
    private let encoder: NIOLoopBound<ChannelHandlerContext>
    private let subscription: Subscription
    /// Skips live events the replay already wrote.
    private let live: NIOLoopBoundBox<LiveEventFilter>

    /// Made on the channel's event loop.
    private init(channel: any Channel, encoder: ChannelHandlerContext, subscription: Subscription, lastSent: Int64) {
        self.channel = channel
        self.encoder = NIOLoopBound(encoder, eventLoop: channel.eventLoop)
        self.subscription = subscription
        self.live = NIOLoopBoundBox(LiveEventFilter(after: lastSent), eventLoop: channel.eventLoop)
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

    /// Writes everything waiting and flushes, again until nothing waits; when the channel
    /// stops being writable, waits until what was written has gone. Runs on the channel's
    /// event loop. (A write to a closed channel fails silently: its close ends the subscription.)
    private func writeWaiting() {
        let context = encoder.value
        while true {
            let deliveries = subscription.takeWaiting()
            if deliveries.isEmpty { return }
            var wrote = false
            for delivery in deliveries where live.value.admits(delivery) {
                switch delivery {
                case .event(let encoded):
                    context.write(NIOAny(IOData.byteBuffer(encoded.chunk)), promise: nil)
                case .heartbeat:
                    context.write(NIOAny(IOData.byteBuffer(ServerSentEvents.heartbeatChunk)), promise: nil)
                }
                wrote = true
            }
            guard wrote else { continue }
            context.flush()
            guard channel.isWritable else {
                // An empty write completes once everything before it has gone.
                let drained = context.eventLoop.makePromise(of: Void.self)
                context.writeAndFlush(NIOAny(IOData.byteBuffer(ByteBuffer())), promise: drained)
                drained.futureResult.whenComplete { [self] result in
                    switch result {
                    case .success: writeWaiting()
                    case .failure: subscription.finish(.unsubscribed)
                    }
                }
                return
            }
        }
    }
}
