import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore

/// A local site for report runs to read: a product page per peer (`/peer/NAME`, with a
/// feature list and a price), a page broken beyond repair (`/broken`), a 404 (`/missing`) and a
/// page that answers only after 20 s, when the fetcher has given up (`/slow`), for runs that must still be collecting.
enum PeerSite {
    static func run(_ body: @Sendable (_ base: String) async throws -> Void) async throws {
        let router = Router()
        router.get("/peer/:name") { _, context -> Response in
            let name = context.parameters.get("name") ?? "peer"
            let features = ["Offline mode", "Shared notebooks", name == "Bear" ? "Markdown export" : "Web clipper"]
            let html = """
                <html><head><title>\(name)</title><meta name="description" content="\(name) takes notes."></head>
                <body><h1>\(name)</h1><ul>\(features.map { "<li>\($0)</li>" }.joined())</ul>
                <p>Pro: $\(name.count + 3) per month</p></body></html>
                """
            return Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
        }
        router.get("/broken") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/html"],
                body: .init(byteBuffer: ByteBuffer(string: "<html><title>Broken<h1 class=unquoted>Half <ul><li>Sync<li>Tags")))
        }
        router.get("/missing") { _, _ in Response(status: .notFound) }
        router.get("/slow") { _, _ -> String in
            try await Task.sleep(for: .seconds(20))
            return "late"
        }
        try await Application(router: router).test(.live) { client in
            try await body("http://127.0.0.1:\(client.port!)")
        }
    }
}
