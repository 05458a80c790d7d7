// The framework's ceiling, for scripts/bench-http: a bare Hummingbird 2 application with one
// route that returns the same static JSON as Bulletin's /healthz, with no middleware at all.
//
//   hummingbird-baseline PORT
import Hummingbird

let port = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 8081
let body = ByteBuffer(string: #"{"status":"ok"}"#)
let router = Router()
router.get("/healthz") { _, _ in
    Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: body))
}
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
