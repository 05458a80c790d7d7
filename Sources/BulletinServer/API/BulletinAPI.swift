import BulletinCore
import BulletinOpenAPI
import BulletinStore
import Foundation

/// The handlers of the `/v1` protocol generated from openapi.json.
///
/// As the API grows, each group of operations goes in its own `BulletinAPI+Group.swift`
/// extension; this file answers `/v1/system/info`.
struct BulletinAPI: APIProtocol {
    let services: AppServices
    let instance: InstanceHolder

    func getSystemInfo(_ input: Operations.GetSystemInfo.Input) async throws -> Operations.GetSystemInfo.Output {
        let schemaVersion = try await services.migrator.appliedVersion(of: services.database)
        let database: Components.Schemas.SystemInfo.DatabasePayload =
            switch services.database.dialect {
            case .sqlite: .sqlite
            case .postgresql: .postgresql
            }
        return .ok(
            .init(
                headers: .init(),
                body: .json(
                    .init(
                        name: "Bulletin", version: BulletinVersion.current, installationId: try instance.value.id,
                        database: database, schemaVersion: schemaVersion, startedAt: services.startedAt))))
    }
}
