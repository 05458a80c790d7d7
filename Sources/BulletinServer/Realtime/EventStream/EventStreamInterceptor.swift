import NIOCore
import NIOHTTP1

/// Serves a connection whose first request opens an event stream apart from Hummingbird's
/// connection loop, so that an idle stream holds about half the memory.
///
/// Hummingbird answers each connection's requests in a task of its own, and Swift keeps a
/// task's stack slabs until the task ends; its HTTP/1 loop grows them to about 14 KB, which
/// a stream would hold for its whole life, with the request's head and the loop's objects
/// (docs/benchmarks.md, "Realtime"). This handler sits in the pipeline just after the
/// request decoder, ahead of the upgrade handler that decides between HTTP and WebSocket.
/// When the connection's first request is `GET` ``EventStreamRoute/path`` over HTTP/1.1, it
/// keeps the request from going further and hands it to an ``EventStreamOpener``, which runs
/// it through the router (all the same middleware) in a task of its own and writes the
/// response through this handler. Hummingbird's task for the connection is left waiting for
/// the upgrade decision, its first wait, where it holds little. Any other first request
/// passes on, and the handler leaves the pipeline.
///
/// The intercepted connection serves that one request: the response says `Connection:
/// close`, and the channel closes once it has ended. A client that sends another request on
/// it is cut off; one that closes its side ends the stream (the upgrade handler closes the
/// channel). When the server quiesces (graceful shutdown), the stream is told
/// (``whenQuiescing(_:)``) and ends cleanly; a connection still open ``shutdownGrace`` later
/// (a client that reads nothing, so the end cannot be written) is closed. A connection that
/// has sent no request yet is closed at once: Hummingbird's handler of the quiesce joins the
/// pipeline only with the first request, so such a connection would otherwise hold up the
/// shutdown until its client sent or closed. When the channel goes inactive, the upgrade
/// handler is told its input closed, so Hummingbird's task ends quietly.
final class EventStreamInterceptor: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    private enum State {
        /// Nothing read yet.
        case waiting
        /// An event stream's request, until its end.
        case receiving(HTTPRequestHead)
        /// The request has gone to the opener.
        case serving
    }

    /// How long a quiesced stream's connection may take to end before it is closed.
    static let shutdownGrace = TimeAmount.seconds(10)

    private let opener: EventStreamOpener
    private var state = State.waiting
    private var quiescing = false
    private var onQuiesce: (() -> Void)?

    init(opener: EventStreamOpener) {
        self.opener = opener
    }

    /// Runs `action` when the server quiesces this connection, at once if it already has.
    /// Call on the channel's event loop.
    func whenQuiescing(_ action: @escaping () -> Void) {
        if quiescing { action() } else { onQuiesce = action }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch (state, unwrapInboundIn(data)) {
        case (.waiting, .head(let head)) where Self.opensEventStream(head):
            state = .receiving(head)
        case (.waiting, _):
            context.fireChannelRead(data)
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        case (.receiving(let head), .end):
            state = .serving
            opener.open(head, writer: ChannelResponseWriter(context: context))
            if quiescing { Self.closeAfterGrace(context) }
        case (.receiving, .body), (.serving, .body), (.serving, .end):
            break
        case (.receiving, .head), (.serving, .head):
            // Another request on a connection that carries one stream.
            context.close(promise: nil)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is ChannelShouldQuiesceEvent else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        quiescing = true
        guard case .waiting = state else {
            onQuiesce?()
            onQuiesce = nil
            Self.closeAfterGrace(context)
            return
        }
        // No request yet: nothing to finish. "Input closed" lets the upgrade handler end
        // Hummingbird's wait for the first request as a closed connection (not an error).
        context.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        context.close(promise: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard case .waiting = state else {
            context.close(promise: nil)
            return
        }
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        onQuiesce = nil
        if case .waiting = state {
            context.fireChannelInactive()
            return
        }
        // The upgrade handler never saw a request: "input closed" lets it end Hummingbird's
        // wait for its decision as a closed connection, which is not logged as an error.
        context.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        context.fireChannelInactive()
    }

    /// Closes a quiesced connection that is still open after ``shutdownGrace``.
    private static func closeAfterGrace(_ context: ChannelHandlerContext) {
        context.eventLoop.scheduleTask(in: shutdownGrace) { [channel = context.channel] in channel.close(promise: nil) }
    }

    /// Whether a connection's first request is one this handler serves: `GET` of the event
    /// stream's path over HTTP/1.1, not asking to upgrade. (Anything else, HTTP/1.0 included,
    /// is left to Hummingbird, as before.)
    static func opensEventStream(_ head: HTTPRequestHead) -> Bool {
        head.method == .GET && head.version == .http1_1 && !head.headers.contains(name: "upgrade")
            && head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first
                .map { $0 == EventStreamRoute.path } == true
    }
}
