import BulletinStore
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Synchronization

/// The live part of an event stream, written straight to its connection's channel.
///
/// The response's head, its opening and any replay go through Hummingbird's body writer;
/// after that, deliveries are written on the channel's event loop as they arrive. No task
/// wakes for a delivery (the connection's task only waits for the stream's end), and each
/// event's frame is wrapped in its HTTP/1.1 chunk once for all its subscribers
/// (``EncodedEvent/chunk``) and written beneath the HTTP encoder: one delivery is one buffer
/// shared by every stream, one write and one flush. That is what lets one node fan 100,000
/// deliveries a second out to a thousand streams (docs/benchmarks.md, "Realtime").
///
/// The server's HTTP/1 pipeline always frames a response without a length in chunks (the
/// codec between Hummingbird's types and NIO's answers HTTP/1.1), which is what the chunks
/// written here continue; the HTTP encoder then ends the response as usual.
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

    private init(
        channel: any Channel, encoder: NIOLoopBound<ChannelHandlerContext>, subscription: Subscription, lastSent: Int64
    ) {
        self.channel = channel
        self.encoder = encoder
        self.subscription = subscription
        self.lastSent = Mutex(lastSent)
    }

    /// Prepares to write a subscription's live deliveries after `lastSent` to a channel. On a
    /// connection an ``EventStreamInterceptor`` serves, the server's quiescing ends the stream.
    /// - Throws: When the channel has closed, or has no HTTP/1 encoder to write beneath.
    static func open(channel: any Channel, subscription: Subscription, after lastSent: Int64) async throws -> EventStreamChannel {
        let encoder = try await channel.eventLoop.submit {
            let pipeline = channel.pipeline.syncOperations
            try? pipeline.handler(type: EventStreamInterceptor.self).whenQuiescing { subscription.finish(.shutdown) }
            return NIOLoopBound(try pipeline.context(handlerType: HTTPResponseEncoder.self), eventLoop: channel.eventLoop)
        }.get()
        return EventStreamChannel(channel: channel, encoder: encoder, subscription: subscription, lastSent: lastSent)
    }

    /// Writes live deliveries until the stream ends (graceful shutdown, seen by the task or by
    /// the connection's interceptor, and the task's cancellation end it too), then waits until the channel has been handed every write
    /// made here, so the body writer may write after it.
    /// - Returns: Why the stream ended.
    func run() async -> StreamEnd {
        subscription.whenWaiting { [self] in
            channel.eventLoop.execute { self.writeWaiting() }
        }
        let end = await withGracefulShutdownHandler {
            await subscription.ended()
        } onGracefulShutdown: { [subscription] in
            subscription.finish(.shutdown)
        }
        try? await channel.eventLoop.submit {}.get()
        return end
    }

    /// Writes everything waiting and flushes once; when the last write has gone, looks again.
    /// Runs on the channel's event loop.
    private func writeWaiting() {
        var chunks: [ByteBuffer] = []
        while chunks.isEmpty {
            let deliveries = subscription.takeWaiting()
            if deliveries.isEmpty { return }
            lastSent.withLock { last in
                for delivery in deliveries {
                    switch delivery {
                    case .event(let encoded) where encoded.event.id > last:
                        chunks.append(encoded.chunk)
                        last = encoded.event.id
                    case .event:
                        continue
                    case .heartbeat:
                        chunks.append(ServerSentEvents.heartbeatChunk)
                    }
                }
            }
        }
        guard channel.isActive else {
            subscription.finish(.unsubscribed)
            return
        }
        let context = encoder.value
        let written = context.eventLoop.makePromise(of: Void.self)
        for (index, chunk) in chunks.enumerated() {
            context.write(NIOAny(IOData.byteBuffer(chunk)), promise: index == chunks.count - 1 ? written : nil)
        }
        context.flush()
        written.futureResult.whenComplete { [self] result in
            switch result {
            case .success: channel.eventLoop.execute { self.writeWaiting() }
            case .failure: subscription.finish(.unsubscribed)
            }
        }
    }
}
