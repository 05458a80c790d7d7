import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOHTTP1

/// The server's connections: HTTP/1.1 whose requests for ``WebSocketRoute/path`` may upgrade
/// to a WebSocket, and whose first request, when it opens an event stream, is served apart
/// from Hummingbird's connection loop by an ``EventStreamInterceptor``. Just after the
/// request decoder, a ``RequestInputGuard`` answers what the decoder cannot read and bounds
/// what it holds; the interceptor comes next.
struct BulletinServerChannel: ServerChildChannel {
    let upgradable: HTTP1WebSocketUpgradeChannel
    let streams: EventStreamOpener

    /// Builds the server's connections.
    static func builder(http1: HTTP1Channel.Configuration, webSockets: WebSocketRoute, streams: EventStreamOpener) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            BulletinServerChannel(upgradable: webSockets.channel(http1: http1, responder: responder), streams: streams)
        }
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1WebSocketUpgradeChannel.Value> {
        upgradable.setup(channel: channel, logger: logger).flatMapThrowing { [streams] value in
            let pipeline = channel.pipeline.syncOperations
            let decoder = try pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            let inputGuard = RequestInputGuard()
            try pipeline.addHandler(inputGuard, position: .after(decoder))
            try pipeline.addHandler(EventStreamInterceptor(opener: streams), position: .after(inputGuard))
            return value
        }
    }

    func handle(value: HTTP1WebSocketUpgradeChannel.Value, logger: Logger) async {
        await upgradable.handle(value: value, logger: logger)
    }
}
