/// The stages an appointment moves through, in board order. The set is fixed; each
/// workspace names the columns and sets their WIP limits.
public enum BoardStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case scheduled
    case checkedIn = "checked_in"
    case inProgress = "in_progress"
    case waitingParts = "waiting_parts"
    case ready
    case completed
    /// Off the board: counted in the stats, shown nowhere else.
    case cancelled

    /// The statuses that are columns of the board, in order.
    public static let onBoard: [BoardStatus] = allCases.filter { $0 != .cancelled }

    /// Whether the vehicle is with the team now: checked in and not yet completed.
    public var isUnderway: Bool {
        [.checkedIn, .inProgress, .waitingParts, .ready].contains(self)
    }

    /// The column's name until a workspace renames it.
    public var defaultName: String {
        switch self {
        case .scheduled: "Scheduled"
        case .checkedIn: "Checked in"
        case .inProgress: "In progress"
        case .waitingParts: "Waiting for parts"
        case .ready: "Ready"
        case .completed: "Completed"
        case .cancelled: "Cancelled"
        }
    }
}
