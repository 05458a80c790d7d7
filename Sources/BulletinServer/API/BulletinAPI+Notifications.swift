import BulletinCore
import BulletinStore
import Foundation

/// One's own notifications in the workspace.
extension BulletinAPI {
    func listNotifications(_ input: Operations.ListNotifications.Input) async throws -> Operations.ListNotifications.Output {
        let principal = try RequestScope.principal()
        let limit = input.query.limit ?? 50
        guard (1...200).contains(limit) else { throw APIError(.badRequest, detail: "limit must be from 1 to 200.") }
        var before: Int64?
        if let cursor = input.query.cursor {
            guard let id = Int64(cursor), id > 0 else { throw APIError(.badRequest, detail: "The cursor is not valid.") }
            before = id
        }
        let repository = NotificationRepository(database: services.database)
        let found = try await repository.list(
            userID: principal.userID, workspaceID: principal.workspaceID, unreadOnly: input.query.unread ?? false,
            before: before, limit: limit + 1)
        let page = found.prefix(limit)
        let unread = try await repository.unreadCount(userID: principal.userID, workspaceID: principal.workspaceID)
        return .ok(.init(body: .json(.init(
            items: page.map(Components.Schemas.Notification.init), unreadCount: unread,
            nextCursor: found.count > limit ? page.last.map { String($0.id) } : nil))))
    }

    func markNotificationsRead(_ input: Operations.MarkNotificationsRead.Input) async throws -> Operations.MarkNotificationsRead.Output {
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        let principal = try RequestScope.principal()
        let ids: [Int64]?
        switch (body.ids, body.all) {
        case (let listed?, nil), (let listed?, false?):
            var parsed: [Int64] = []
            var errors: [FieldError] = []
            for (index, text) in listed.enumerated() {
                if let id = Int64(text), id > 0 { parsed.append(id) } else {
                    errors.append(FieldError(pointer: "/ids/\(index)", message: "Not a notification ID."))
                }
            }
            guard errors.isEmpty else { throw APIError.validation(errors) }
            ids = parsed
        case (nil, true?):
            ids = nil
        default:
            throw APIError.validation([FieldError(pointer: "", message: "Send either ids or \"all\": true.")])
        }
        let read = try await NotificationRepository(database: services.database).markRead(
            ids: ids, userID: principal.userID, workspaceID: principal.workspaceID,
            requestID: RequestScope.current?.requestID.value, now: services.clock.now())
        return .ok(.init(body: .json(.init(read: read.map(String.init)))))
    }
}

extension Components.Schemas.Notification {
    init(_ notification: UserNotification) {
        self.init(
            id: String(notification.id), _type: notification.type, title: notification.title, body: notification.body,
            link: notification.link, createdAt: notification.createdAt, readAt: notification.readAt)
    }
}
