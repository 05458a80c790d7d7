import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTP1
import NIOHTTPTypesHTTP1

/// Writes one response through a channel handler's place in the pipeline, then closes the
/// connection: how an ``EventStreamInterceptor``'s stream is answered without Hummingbird's
/// connection loop. Each write waits until it has been written to the socket, so a client
/// that reads slowly slows the writer, as Hummingbird's own writer does.
struct ChannelResponseWriter: ResponseBodyWriter, Sendable {
    private let context: NIOLoopBound<ChannelHandlerContext>
    /// The connection.
    let channel: any Channel

    /// A writer through `context`. Make it on the context's event loop.
    init(context: ChannelHandlerContext) {
        self.context = NIOLoopBound(context, eventLoop: context.eventLoop)
        self.channel = context.channel
    }

    /// Writes the response's head; a body follows unless it has a `Content-Length` of 0.
    func writeHead(_ head: HTTPResponse) async throws {
        try await send(.head(HTTPResponseHead(head)))
    }

    func write(_ buffer: ByteBuffer) async throws {
        try await send(.body(.byteBuffer(buffer)))
    }

    /// Ends the response, then closes the connection once the end has been written.
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        defer { close() }
        try await send(.end(trailingHeaders.map { HTTPHeaders($0) }))
    }

    /// Closes the connection (what was written before has been handed over).
    func close() {
        context.eventLoop.execute { [context] in context.value.close(promise: nil) }
    }

    private func send(_ part: HTTPServerResponsePart) async throws {
        try await context.eventLoop.flatSubmit { [context] in
            context.value.writeAndFlush(NIOAny(part))
        }.get()
    }
}
