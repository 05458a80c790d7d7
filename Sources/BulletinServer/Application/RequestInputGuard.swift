import BulletinCore
import Foundation
import HTTPTypes
import HummingbirdCore
import NIOCore
import NIOHTTP1

/// Guards what a connection's request decoder hands on. It sits just after NIO's decoder,
/// ahead of the event-stream interceptor and the upgrade handler, for the connection's
/// HTTP life, and sees every request part in and every response part out.
///
/// - **A request the decoder cannot read** (a head beyond the limits of ``connectionLimits``,
///   malformed HTTP) is answered here with a problem, `431 headers-too-large` or
///   `400 bad-request` with its `X-Request-ID`, and the connection closes. Left alone, the
///   error reached no handler on a connection's first request (nothing answered, the
///   connection stayed open), and a bare `400` on a later one. An error in the middle of a
///   request's body goes on to its handler, whose body read fails (a 400 problem), and the
///   connection closes after the answer.
/// - **A byte bound on what waits to be read.** After a request that asks to switch
///   protocols (`Connection: upgrade` with `Upgrade`, or `CONNECT`), NIO's decoder parses
///   nothing more and keeps every later byte in memory. The guard stops reading the socket
///   then, so a client's further bytes wait in its own buffers, and at most one read's
///   worth is held. Switched (`101`), the guard leaves and reading resumes for the
///   WebSocket; not switched, the answer says `Connection: close` and the connection closes
///   after it. Pipelined requests are otherwise bounded by Hummingbird's connection loop,
///   which reads the next request only as it answers.
/// - **An upgrade the server will not make** (a WebSocket at another path or method, a
///   malformed handshake, another protocol such as `h2c`) loses its `Upgrade` header, so the
///   router answers the request, with a problem where it is refused, rather than NIO and
///   Hummingbird with a bare `400`, a redirect, or nothing (``WebSocketRoute/acceptsHandshake(_:)``).
final class RequestInputGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = Any
    typealias InboundOut = Any
    typealias OutboundIn = Any
    typealias OutboundOut = Any

    /// Requests whose head was read and whose response has not ended.
    private var unanswered = 0
    /// A request's head was read, its end not yet.
    private var readingRequest = false
    /// The request being read (or last read) asks to switch protocols.
    private var switchRequested = false
    /// The decoder parses nothing more: the last request asked to switch protocols.
    private var decoderStopped = false
    /// A problem to answer once the responses in progress have ended.
    private var pendingProblem: APIError?
    /// Close once the responses in progress have ended.
    private var closeWhenAnswered = false
    /// The connection is closing; later writes are dropped.
    private var closing = false
    /// A read held back while reading is paused.
    private var readHeld = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // Anything else is what the decoder left when an upgrade removed it: the new protocol's.
        guard let part = unwrapInboundIn(data) as? HTTPServerRequestPart else {
            context.fireChannelRead(data)
            return
        }
        switch part {
        case .head(var head):
            unanswered += 1
            readingRequest = true
            switchRequested = Self.asksToSwitchProtocols(head)
            if head.headers.contains(name: "upgrade") && !WebSocketRoute.acceptsHandshake(head) {
                head.headers.remove(name: "upgrade")
                context.fireChannelRead(NIOAny(HTTPServerRequestPart.head(head)))
                return
            }
        case .body:
            break
        case .end:
            readingRequest = false
            decoderStopped = decoderStopped || switchRequested
        }
        context.fireChannelRead(data)
    }

    func read(context: ChannelHandlerContext) {
        guard !decoderStopped, pendingProblem == nil, !closing else {
            readHeld = true
            return
        }
        context.read()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard !closing else {
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        guard let part = unwrapOutboundIn(data) as? HTTPServerResponsePart else {
            context.write(data, promise: promise)
            return
        }
        switch part {
        case .head(let head) where head.status == .switchingProtocols:
            // Flushed here: the upgrade handler's flush would come after the guard has left,
            // and be lost with its place in the pipeline (the upgrade waits for this write).
            context.writeAndFlush(data, promise: promise)
            leave(context)
        case .head(var head) where switchRequested || decoderStopped || closeWhenAnswered || pendingProblem != nil:
            head.headers.replaceOrAdd(name: "connection", value: "close")
            context.write(NIOAny(HTTPServerResponsePart.head(head)), promise: promise)
        case .head, .body:
            context.write(data, promise: promise)
        case .end:
            unanswered = max(0, unanswered - 1)
            guard unanswered == 0, decoderStopped || closeWhenAnswered || pendingProblem != nil else {
                context.write(data, promise: promise)
                return
            }
            let written = context.eventLoop.makePromise(of: Void.self)
            written.futureResult.cascade(to: promise)
            context.writeAndFlush(data, promise: written)
            if let problem = pendingProblem {
                answer(problem, context: context)
            } else {
                close(context, after: written.futureResult)
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let problem = Self.problem(for: error), !closing else {
            context.fireErrorCaught(error)
            return
        }
        if readingRequest {
            // The request cannot be read to its end: its handler learns it from the body.
            closeWhenAnswered = true
            context.fireErrorCaught(error)
        } else if unanswered == 0 {
            answer(problem, context: context)
        } else {
            pendingProblem = problem
        }
    }

    /// Writes `problem` as the answer to the request that could not be read, then closes.
    private func answer(_ problem: APIError, context: ChannelHandlerContext) {
        let requestID = BulletinCore.RequestID.make()
        let body = ProblemDocument.encoded(problem, instance: nil, requestID: requestID)
        var head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: problem.type.status.code))
        head.headers.add(name: "Content-Type", value: "application/problem+json")
        head.headers.add(name: "Cache-Control", value: "no-store")
        head.headers.add(name: "Content-Length", value: String(body.count))
        head.headers.add(name: "Connection", value: "close")
        head.headers.add(name: "Date", value: EventStreamOpener.httpDate(Date()))
        head.headers.add(name: "X-Request-ID", value: requestID.value)
        for field in SecurityHeadersMiddleware.headers {
            head.headers.add(name: field.name.rawName, value: field.value)
        }
        context.write(NIOAny(HTTPServerResponsePart.head(head)), promise: nil)
        context.write(NIOAny(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil)
        close(context, after: context.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil))))
    }

    /// Closes the connection once `written` has gone. Before the first request's upgrade
    /// decision, "input closed" lets the upgrade handler end Hummingbird's wait for it as a
    /// closed connection, which is not logged as an error.
    private func close(_ context: ChannelHandlerContext, after written: EventLoopFuture<Void>) {
        closing = true
        written.assumeIsolated().whenComplete { _ in
            context.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
            context.close(promise: nil)
        }
    }

    /// Leaves the pipeline after a switch of protocols, reading again for the new one.
    private func leave(_ context: ChannelHandlerContext) {
        if readHeld {
            readHeld = false
            context.read()
        }
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    /// Whether NIO's decoder stops after this request: it asks to switch protocols
    /// (`Upgrade` with `Connection: upgrade`, as llhttp reads it) or is a `CONNECT`.
    static func asksToSwitchProtocols(_ head: HTTPRequestHead) -> Bool {
        head.method == .CONNECT
            || (head.headers.contains(name: "upgrade")
                && head.headers[canonicalForm: "connection"].contains { $0.lowercased() == "upgrade" })
    }

    /// The problem answering a decoder's error, or `nil` for an error that is not one.
    static func problem(for error: any Error) -> APIError? {
        guard let error = error as? HTTPParserError else { return nil }
        switch error {
        case .headerOverflow:
            return APIError(
                .headersTooLarge,
                detail: "Send at most \(connectionLimits.httpDecoder.maxHeaderFieldCount) header fields, each up to "
                    + "\(connectionLimits.httpDecoder.maxHeaderFieldSize / 1024) KiB and "
                    + "\(connectionLimits.httpDecoder.maxHeaderListSize / 1024) KiB in all, the request's target included.")
        case .invalidVersion:
            return APIError(.badRequest, detail: "This server speaks HTTP/1.1.")
        default:
            return APIError(.badRequest, detail: "The request is not valid HTTP/1.1.")
        }
    }
}
