import BulletinCore
import BulletinStore
import Foundation

/// The handlers of the generated `/v1` protocol.
///
/// Each group of operations lives in its own `SystemAPI+Group.swift`-style extension as the
/// API grows; this one answers `/v1/system/info`.
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
