import BulletinCore
import BulletinStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Prometheus

/// `/`, `/healthz`, `/readyz`, `/metrics`, `/openapi.json` and `/.well-known/jwks.json`:
/// the endpoints for people, load balancers, scrapers and clients, outside `/v1`. A browser
/// asking for `/` gets the web UI's page (``WebUI``); other clients the JSON service index.
///
/// They are described in openapi.json like every endpoint but served straight from the
/// router, without the generated layer: `/healthz` is probed constantly and must cost as
/// little as a route can, and the others answer in formats (Prometheus text, the document's
/// own bytes) that are cheaper to write directly.
struct OperationalRoutes {
    let services: AppServices
    let openAPIDocument: ByteBuffer

    func register(on router: Router<BulletinRequestContext>) {
        ProbeRoutes(database: services.database, migrator: services.migrator, metrics: services.metrics).register(on: router)
        let index = ByteBuffer(
            string: #"{"links":{"health":"/healthz","metrics":"/metrics","openapi":"/openapi.json","#
                + #""readiness":"/readyz","systemInfo":"/v1/system/info"},"name":"Bulletin","version":""#
                + BulletinVersion.current + #""}"#)
        let webUI = WebUI()
        webUI.register(on: router)
        router.get("/") { request, _ in
            WebUI.wantsPage(request) ? webUI.page() : Self.json(index)
        }
        let keySet = ByteBuffer(bytes: services.accessTokens.signingKey.jwksJSON())
        router.get("/.well-known/jwks.json") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/jwk-set+json"
            headers[.cacheControl] = "public, max-age=300"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: keySet))
        }
        let document = openAPIDocument
        router.get("/openapi.json") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            headers[.cacheControl] = "public, max-age=300"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: document))
        }
    }

    private static let jsonHeaders: HTTPFields = [.contentType: "application/json", .cacheControl: "no-store"]

    /// A `200` JSON answer that no cache keeps.
    static func json(_ body: ByteBuffer) -> Response {
        Response(status: .ok, headers: jsonHeaders, body: ResponseBody(byteBuffer: body))
    }
}
