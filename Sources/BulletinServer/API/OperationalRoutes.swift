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

    /// How long `/readyz` waits for the database before calling the node not ready (a wait
    /// for a pooled connection is abandoned then too).
    static let readinessTimeout = Duration.seconds(2)

    func register(on router: Router<BulletinRequestContext>) {
        registerProbes(on: router)
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

    /// `/healthz`, `/readyz` and `/metrics`: all a `bulletin worker` process serves.
    func registerProbes(on router: Router<BulletinRequestContext>) {
        let health = ByteBuffer(string: #"{"status":"ok"}"#)
        let ready = ByteBuffer(string: #"{"database":"ok","migrations":"current","status":"ready"}"#)
        router.get("/healthz") { _, _ in
            Self.json(health)
        }
        router.get("/readyz") { _, _ in
            try await checkReadiness()
            return Self.json(ready)
        }
        router.get("/metrics") { _, _ in
            services.metrics.recordPool(services.database.poolStatistics())
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            headers[.cacheControl] = "no-store"
            let body = ByteBuffer(bytes: services.metrics.registry.emitToBuffer())
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
        }
    }

    private func checkReadiness() async throws {
        let applied: Int
        do {
            applied = try await withTimeout(Self.readinessTimeout) {
                try await services.migrator.appliedVersion(of: services.database)
            }
        } catch {
            throw APIError(.notReady, detail: "The database does not answer.")
        }
        // A newer schema means another node has upgraded: migrations are additive, so this
        // node keeps serving until it is replaced.
        guard applied >= services.migrator.latestVersion else {
            throw APIError(
                .notReady,
                detail: "The database schema is at version \(applied); this node needs \(services.migrator.latestVersion).")
        }
    }

    private static let jsonHeaders: HTTPFields = [.contentType: "application/json", .cacheControl: "no-store"]

    private static func json(_ body: ByteBuffer) -> Response {
        Response(status: .ok, headers: jsonHeaders, body: ResponseBody(byteBuffer: body))
    }
}
