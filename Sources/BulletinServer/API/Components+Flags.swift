import BulletinCore
import BulletinOpenAPI
import BulletinStore
import Foundation

/// Generated schemas that have the JSON shape of Core's types field for field (flags in
/// Unleash's format, projects) cross between them through JSON rather than by hand-written copies.
enum SchemaJSON {
    static func convert<Target: Decodable>(_ value: some Encodable, to target: Target.Type = Target.self) throws -> Target {
        try JSONDecoder().decode(Target.self, from: JSONEncoder().encode(value))
    }
}

extension Components.Schemas.Flag {
    init(_ flag: StoredFlag, now: Date) throws {
        let pastStaleDate = flag.staleAfter.map { $0 <= now } ?? false
        self.init(
            definition: try SchemaJSON.convert(flag.definition), staleAfter: flag.staleAfter,
            stale: (flag.definition.stale ?? false) || pastStaleDate, version: flag.version,
            createdAt: flag.createdAt, updatedAt: flag.updatedAt, updatedBy: flag.updatedBy)
    }
}

extension Components.Schemas.FlagResult {
    init(name: String, result: FlagResult) throws {
        self.init(
            name: name, enabled: result.enabled,
            variant: .init(
                name: result.variant, enabled: result.variantEnabled,
                payload: try result.payload.map { try SchemaJSON.convert($0) }))
    }
}

extension FlagContext {
    init(_ context: Components.Schemas.FlagContext) {
        self.init(
            userId: context.userId, sessionId: context.sessionId, remoteAddress: context.remoteAddress,
            environment: context.environment, appName: context.appName, currentTime: context.currentTime,
            properties: context.properties?.additionalProperties ?? [:])
    }
}
