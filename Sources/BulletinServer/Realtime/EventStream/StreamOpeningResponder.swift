import Hummingbird

/// Opens event streams from a child task, so that an idle stream holds kilobytes, not tens.
///
/// A connection's requests run in the connection's task, and Swift keeps a task's stack
/// slabs until the task ends: they are reused, never given back. Opening a stream goes
/// through the middleware, authentication, topic checks and database reads, about 33 KB of
/// slabs, and all of it would then stay with the connection for as long as its stream is
/// open. In a child task that memory goes back as soon as the response is built, and the
/// connection keeps only what writing the stream needs (measured with heaptrack; see
/// docs/benchmarks.md, "Realtime"). Other requests are answered in the connection's task as
/// before: they end quickly, and a child task for each would only add a task switch.
struct StreamOpeningResponder<Inner: HTTPResponder>: HTTPResponder where Inner.Context: Sendable {
    let inner: Inner

    func respond(to request: Request, context: Inner.Context) async throws -> Response {
        guard request.uri.path == EventStreamRoute.path else {
            return try await inner.respond(to: request, context: context)
        }
        // Not cancelled with the connection's task: opening takes milliseconds, and a stream
        // opened for a connection that closed meanwhile is released when it closes.
        return try await Task { try await inner.respond(to: request, context: context) }.value
    }
}
