import BulletinCore
import BulletinOpenAPI
import BulletinStore

/// The audit log of the caller's workspace: read-only, newest first, cursor-paginated.
extension BulletinAPI {
    func listAuditEntries(_ input: Operations.ListAuditEntries.Input) async throws -> Operations.ListAuditEntries.Output {
        let principal = try RequestScope.principal()
        let query = input.query
        let limit = query.limit ?? 50
        guard (1...200).contains(limit) else {
            throw APIError(.badRequest, detail: "limit must be from 1 to 200.")
        }
        var before: Int64?
        if let cursor = query.cursor {
            guard let id = Int64(cursor), id > 0 else { throw APIError(.badRequest, detail: "The cursor is not valid.") }
            before = id
        }
        let filter = AuditFilter(
            actorID: query.actorId, action: query.action, targetType: query.targetType, targetID: query.targetId,
            since: query.since, until: query.until)
        let entries = try await AuditLog(database: services.database).list(
            workspaceID: principal.workspaceID, filter: filter, before: before, limit: limit + 1)
        let page = entries.prefix(limit)
        let nextCursor = entries.count > limit ? page.last.map { String($0.id) } : nil
        return .ok(.init(body: .json(.init(items: page.map(Components.Schemas.AuditEntry.init), nextCursor: ListCursor(nextCursor)))))
    }
}
