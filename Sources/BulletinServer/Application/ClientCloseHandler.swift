import NIOCore

/// Closes a connection as soon as its client stops sending (its half of the TCP connection
/// closed).
///
/// Hummingbird lets a client half-close (`allowRemoteHalfClosure`) and notices a client
/// that went away only when the next write to it fails. An event stream writes only every
/// 15 s, so without this a closed browser tab kept its place among the user's connections,
/// and its presence, until then. HTTP/1.1 clients do not half-close and wait for an answer,
/// so closing on it costs them nothing; an event stream then ends at once (see
/// ``BulletinRequestContext/channel``).
final class ClientCloseHandler: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    typealias InboundIn = Any

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            context.close(promise: nil)
        }
        context.fireUserInboundEventTriggered(event)
    }
}
