import BulletinCore
import BulletinStore
import HTTPTypes
import Hummingbird
import NIOCore
import Prometheus

/// `/healthz`, `/readyz` and `/metrics`: what load balancers and scrapers ask every node, and
/// all a `bulletin worker` process serves. Part of ``OperationalRoutes`` on `serve`.
struct ProbeRoutes {
    let database: any Database
    let migrator: Migrator
    let metrics: ServerMetrics

    /// How long `/readyz` waits for the database before calling the node not ready (a wait
    /// for a pooled connection is abandoned then too).
    static let readinessTimeout = Duration.seconds(2)

    func register(on router: Router<BulletinRequestContext>) {
        let health = ByteBuffer(string: #"{"status":"ok"}"#)
        let ready = ByteBuffer(string: #"{"database":"ok","migrations":"current","status":"ready"}"#)
        router.get("/healthz") { _, _ in
            OperationalRoutes.json(health)
        }
        router.get("/readyz") { _, _ in
            try await checkReadiness()
            return OperationalRoutes.json(ready)
        }
        router.get("/metrics") { _, _ in
            metrics.recordPool(database.poolStatistics())
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            headers[.cacheControl] = "no-store"
            let body = ByteBuffer(bytes: metrics.registry.emitToBuffer())
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
        }
    }

    private func checkReadiness() async throws {
        let applied: Int
        do {
            applied = try await withTimeout(Self.readinessTimeout) {
                try await migrator.appliedVersion(of: database)
            }
        } catch {
            throw APIError(.notReady, detail: "The database does not answer.")
        }
        // A newer schema means another node has upgraded: migrations are additive, so this
        // node keeps serving until it is replaced.
        guard applied >= migrator.latestVersion else {
            throw APIError(
                .notReady, detail: "The database schema is at version \(applied); this node needs \(migrator.latestVersion).")
        }
    }
}
