import BulletinCore
import BulletinOpenAPI
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
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: page.map(Components.Schemas.Notification.init), unreadCount: unread,
                        nextCursor: ListCursor(found.count > limit ? page.last.map { String($0.id) } : nil)))))
    }

    func markNotificationsRead(_ input: Operations.MarkNotificationsRead.Input) async throws -> Operations.MarkNotificationsRead.Output {
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        let principal = try RequestScope.principal()
        // `"all": true` marks every one; otherwise those listed (none when there is no list).
        let ids: [Int64]?
        if body.all == true {
            ids = nil
        } else {
            let listed = body.ids ?? []
            guard listed.count <= Self.maximumMarkedNotifications else {
                throw APIError.validation([
                    FieldError(pointer: "/ids", message: "Give at most \(Self.maximumMarkedNotifications) IDs, or \"all\": true.")
                ])
            }
            var parsed: [Int64] = []
            var errors: [FieldError] = []
            for (index, text) in listed.enumerated() {
                if let id = Self.notificationID(text) {
                    parsed.append(id)
                } else {
                    errors.append(FieldError(pointer: "/ids/\(index)", message: "Not a notification ID."))
                }
            }
            guard errors.isEmpty else { throw APIError.validation(errors) }
            ids = parsed
        }
        let read = try await NotificationRepository(database: services.database).markRead(
            ids: ids, userID: principal.userID, workspaceID: principal.workspaceID,
            requestID: RequestScope.current?.requestID.value, now: services.clock.now())
        return .ok(.init(body: .json(.init(read: read.map(String.init)))))
    }

    /// The most IDs one request marks (the document's `maxItems`).
    static let maximumMarkedNotifications = 500

    /// A notification ID as the server writes them: a positive number of at most 18 digits,
    /// without sign or leading zeros (the document's pattern); `nil` otherwise.
    static func notificationID(_ text: String) -> Int64? {
        let digits = text.utf8
        guard (1...18).contains(digits.count), digits.first != UInt8(ascii: "0"),
            digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { return nil }
        return Int64(text)
    }
}

extension Components.Schemas.Notification {
    init(_ notification: UserNotification) {
        self.init(
            id: String(notification.id), _type: notification.type, title: notification.title, body: notification.body,
            link: notification.link, createdAt: notification.createdAt, readAt: notification.readAt)
    }
}
