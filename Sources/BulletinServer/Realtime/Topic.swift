import BulletinCore
import BulletinStore

/// A realtime topic a subscriber names, such as `workspace:ws_…`, and who may follow it.
enum Topic: Sendable, Hashable {
    /// Changes in a workspace: every audited mutation. Members of the workspace.
    case workspace(String)
    /// One user's notifications. That user only.
    case user(String)
    /// One job's progress. Those who may read the workspace's jobs.
    case job(Int64)
    /// One project's changes and its reports' progress. Members of its workspace.
    case project(String)
    /// One report run's progress. Members of its workspace.
    case run(String)
    /// One batch export's progress. Members of its workspace.
    case export(String)
    /// One form's changes and submissions. Members of its workspace.
    case form(String)
    /// A workspace's board of one day (`board:WS:YYYY-MM-DD`), or the caller's own
    /// (`board:YYYY-MM-DD`, no workspace). Members of the workspace.
    case board(workspaceID: String?, day: String)

    /// The most topics one stream may follow.
    static let maximumPerStream = 50

    /// Parses `kind:id`; `nil` when malformed or of an unknown kind. The ID has 1 to 200
    /// Unicode code points (a job's, a positive number of at most 18 digits without leading
    /// zeros), as the OpenAPI document's pattern for a topic says.
    init?(_ text: String) {
        let scalars = text.unicodeScalars
        guard let colon = scalars.firstIndex(of: ":") else { return nil }
        let kind = String(String.UnicodeScalarView(scalars[..<colon]))
        let idScalars = scalars[scalars.index(after: colon)...]
        guard (1...200).contains(idScalars.count) else { return nil }
        let id = String(String.UnicodeScalarView(idScalars))
        switch kind {
        case "workspace": self = .workspace(id)
        case "user": self = .user(id)
        case "project": self = .project(id)
        case "run": self = .run(id)
        case "export": self = .export(id)
        case "form": self = .form(id)
        case "board":
            // Any day is a topic (one that is no date never carries events), as the document's pattern says.
            if let colon = id.lastIndex(of: ":") {
                self = .board(workspaceID: String(id[..<colon]), day: String(id[id.index(after: colon)...]))
            } else {
                self = .board(workspaceID: nil, day: id)
            }
        case "job":
            guard idScalars.count <= 18, idScalars.first != "0", idScalars.allSatisfy({ ("0"..."9").contains($0) }),
                let number = Int64(id)
            else { return nil }
            self = .job(number)
        default: return nil
        }
    }

    var name: String {
        switch self {
        case .workspace(let id): "workspace:\(id)"
        case .user(let id): "user:\(id)"
        case .job(let id): "job:\(id)"
        case .project(let id): "project:\(id)"
        case .run(let id): "run:\(id)"
        case .export(let id): "export:\(id)"
        case .form(let id): "form:\(id)"
        case .board(let workspaceID, let day): workspaceID.map { BoardTopic.name(workspaceID: $0, day: day) } ?? "board:\(day)"
        }
    }

    /// The name events are published under: the topic's own, except that the caller's own
    /// board names the caller's workspace.
    func publishedName(for principal: Principal) -> String {
        if case .board(nil, let day) = self { return BoardTopic.name(workspaceID: principal.workspaceID, day: day) }
        return name
    }

    /// Whether the principal may follow the topic. A workspace or job of another workspace is
    /// refused exactly like one that does not exist.
    func isReadable(by principal: Principal, database: any Database) async throws -> Bool {
        switch self {
        case .workspace(let id):
            return id == principal.workspaceID && principal.may(.readContent)
        case .user(let id):
            return id == principal.userID
        case .job(let id):
            guard principal.may(.readJobs) else { return false }
            return try await JobRepository(database: database).job(id: id, workspaceID: principal.workspaceID) != nil
        case .project(let id):
            guard principal.may(.readContent) else { return false }
            return try await ProjectRepository(database: database).project(id: id, workspaceID: principal.workspaceID) != nil
        case .run(let id):
            guard principal.may(.readContent) else { return false }
            return try await ReportRunRepository(database: database).run(id: id, workspaceID: principal.workspaceID) != nil
        case .export(let id):
            guard principal.may(.readContent) else { return false }
            return try await ReportExportRepository(database: database).export(id: id, workspaceID: principal.workspaceID) != nil
        case .form(let id):
            guard principal.may(.readContent) else { return false }
            return try await FormRepository(database: database).form(id: id, workspaceID: principal.workspaceID) != nil
        case .board(let workspaceID, _):
            return (workspaceID ?? principal.workspaceID) == principal.workspaceID && principal.may(.readContent)
        }
    }
}
