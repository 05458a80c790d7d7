import BulletinBoard
import BulletinCore
import BulletinOpenAPI
import BulletinStore
import Foundation

/// The board of a day, its figures and its settings.
extension BulletinAPI {
    func getBoard(_ input: Operations.GetBoard.Input) async throws -> Operations.GetBoard.Output {
        let principal = try RequestScope.principal()
        let view = try await boardView(workspaceID: principal.workspaceID, date: input.query.date)
        let etag = Components.Schemas.Board.etag(view)
        if let ifNoneMatch = input.headers.ifNoneMatch, Self.matches(ifNoneMatch, etag: etag) {
            return .notModified(.init(headers: .init(eTag: etag)))
        }
        return .ok(.init(headers: .init(eTag: etag), body: .json(.init(view, workspaceID: principal.workspaceID))))
    }

    func getBoardStats(_ input: Operations.GetBoardStats.Input) async throws -> Operations.GetBoardStats.Output {
        let principal = try RequestScope.principal()
        let day = try await boardDay(input.query.date, workspaceID: principal.workspaceID)
        return .ok(.init(body: .json(.init(try await services.board.stats(workspaceID: principal.workspaceID, day: day)))))
    }

    func getBoardSettings(_ input: Operations.GetBoardSettings.Input) async throws -> Operations.GetBoardSettings.Output {
        let principal = try RequestScope.principal()
        let settings = try await BoardSettingsRepository(database: services.database).settings(workspaceID: principal.workspaceID)
        return .ok(.init(body: .json(.init(settings))))
    }

    func updateBoardSettings(_ input: Operations.UpdateBoardSettings.Input) async throws -> Operations.UpdateBoardSettings.Output {
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType) }
        let settings = try Self.validatedSettings(body)
        let principal = try RequestScope.principal()
        let audit = AuditScope(workspaceID: principal.workspaceID, context: RequestScope.auditContext())
        try await BoardSettingsRepository(database: services.database).replace(with: settings, audit: audit, now: services.clock.now())
        return .ok(.init(body: .json(.init(settings))))
    }

    /// The board of a day through a display link: its token reads this and nothing else.
    func getDisplayBoard(_ input: Operations.GetDisplayBoard.Input) async throws -> Operations.GetDisplayBoard.Output {
        guard
            let workspaceID = try await DisplayLinkRepository(database: services.database).workspaceID(
                forToken: SecretToken(value: input.headers.xDisplayToken))
        else { throw APIError(.unauthenticated, detail: "The display link is not valid or was revoked.") }
        let view = try await boardView(workspaceID: workspaceID, date: input.query.date)
        let etag = Components.Schemas.Board.etag(view)
        if let ifNoneMatch = input.headers.ifNoneMatch, Self.matches(ifNoneMatch, etag: etag) {
            return .notModified(.init(headers: .init(eTag: etag)))
        }
        let stats = try await services.board.stats(workspaceID: workspaceID, day: view.day)
        return .ok(
            .init(headers: .init(eTag: etag), body: .json(.init(board: .init(view, workspaceID: workspaceID), stats: .init(stats)))))
    }

    private func boardView(workspaceID: String, date: String?) async throws -> BoardView {
        try await services.board.view(workspaceID: workspaceID, day: try await boardDay(date, workspaceID: workspaceID))
    }

    /// The day asked for, checked, or today in the workspace's time zone.
    private func boardDay(_ date: String?, workspaceID: String) async throws -> String {
        if let date, !BoardDay.isValid(date) {
            throw APIError(.badRequest, detail: "date is a day such as 2026-12-06.")
        }
        return try await services.board.day(date, workspaceID: workspaceID, now: services.clock.now())
    }

    /// The settings a body asks for, the defaults filling columns it leaves out, or a 422.
    private static func validatedSettings(_ body: Components.Schemas.BoardSettingsInput) throws -> BoardSettings {
        var problems: [FieldError] = []
        let timeZone = body.timeZone.trimmingCharacters(in: .whitespaces)
        if TimeZone(identifier: timeZone) == nil {
            problems.append(FieldError(pointer: "/timeZone", message: "Name an IANA time zone, such as Europe/Madrid."))
        }
        var settings = BoardSettings.defaults
        settings.timeZone = timeZone
        var seen: Set<BoardStatus> = []
        for (index, column) in body.columns.enumerated() {
            let status = column.status.status
            let name = TextRules.trimmed(column.name)
            if !seen.insert(status).inserted {
                problems.append(FieldError(pointer: "/columns/\(index)/status", message: "\(status.rawValue) is listed twice."))
            }
            problems += TextRules.problems(name, at: "/columns/\(index)/name", label: "A column's name", required: true, maximum: 40)
            if let limit = column.wipLimit, !(1...1000).contains(limit) {
                problems.append(FieldError(pointer: "/columns/\(index)/wipLimit", message: "A WIP limit is 1 to 1000 cards."))
            }
            if let position = settings.columns.firstIndex(where: { $0.status == status }) {
                settings.columns[position] = BoardColumn(status: status, name: name, wipLimit: column.wipLimit)
            }
        }
        guard problems.isEmpty else { throw APIError.validation(problems) }
        return settings
    }
}
