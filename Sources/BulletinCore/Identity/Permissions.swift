/// Something a caller may or may not do in a workspace.
///
/// A struct of static constants, so later modules add actions without breaking callers.
public struct Action: Sendable, Hashable, CustomStringConvertible {
    /// A stable name such as `content.write`, used in logs and audit entries.
    public let name: String

    /// Creates an action.
    public init(_ name: String) { self.name = name }

    public var description: String { name }

    /// See one's own account and the workspaces one belongs to.
    public static let readAccount = Action("account.read")
    /// Change one's own password.
    public static let changeOwnPassword = Action("account.password")
    /// Read anything in the workspace: projects, reports, boards, files, members.
    public static let readContent = Action("content.read")
    /// Create, change and delete content.
    public static let writeContent = Action("content.write")
    /// Invite, remove and change the role of members.
    public static let manageMembers = Action("members.manage")
    /// Create and revoke API keys.
    public static let manageAPIKeys = Action("api-keys.manage")
    /// Change the workspace's settings, such as feature flags.
    public static let manageSettings = Action("settings.manage")
    /// Read the audit log.
    public static let readAudit = Action("audit.read")
    /// Rename or delete the workspace, and transfer ownership.
    public static let manageWorkspace = Action("workspace.manage")
    /// See jobs and queues: their states, progress, errors and figures.
    public static let readJobs = Action("jobs.read")
    /// Cancel and retry jobs, and pause and resume queues.
    public static let manageJobs = Action("jobs.manage")
    /// See the workspace's feature flags and their definitions.
    public static let readFlags = Action("flags.read")
    /// Create, change, switch off, delete, import and export feature flags.
    public static let manageFlags = Action("flags.manage")
    /// Ask which flags are on for a context.
    public static let evaluateFlags = Action("flags.evaluate")
    /// Follow realtime topics (each topic is checked on its own).
    public static let subscribeEvents = Action("events.subscribe")
    /// Read what language models used and cost, and the budget.
    public static let readUsage = Action("usage.read")
}

/// The one permission table: the least role that may perform each action.
///
/// Every handler asks it through one mechanism; an action missing from the table is
/// refused for everyone, so a forgotten entry fails closed.
public enum Permissions {
    /// The least role allowed each action.
    public static let minimumRole: [Action: Role] = [
        .readAccount: .viewer,
        .changeOwnPassword: .viewer,
        .readContent: .viewer,
        .writeContent: .editor,
        .manageMembers: .admin,
        .manageAPIKeys: .admin,
        .manageSettings: .admin,
        .readAudit: .admin,
        .manageWorkspace: .owner,
        .readJobs: .editor,
        .manageJobs: .admin,
        .readFlags: .editor,
        .manageFlags: .admin,
        .evaluateFlags: .viewer,
        .subscribeEvents: .viewer,
        .readUsage: .admin,
    ]

    /// The actions that can change who someone is or what they may do: memberships, roles,
    /// API keys, passwords, the workspace. Cached identities are dropped after any of them.
    public static let identityActions: Set<Action> = [.changeOwnPassword, .manageMembers, .manageAPIKeys, .manageWorkspace]

    /// The action named `name` if the table knows it: how the OpenAPI document's
    /// `x-bulletin-permission` names are resolved.
    public static func action(named name: String) -> Action? {
        minimumRole.keys.first { $0.name == name }
    }

    /// Whether a role may perform an action.
    public static func allows(_ role: Role, _ action: Action) -> Bool {
        guard let minimum = minimumRole[action] else { return false }
        return role >= minimum
    }
}
